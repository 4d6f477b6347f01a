import { scalePitchClasses, type Key } from '../../../core/music/key.ts';
import { GridTokenizer } from '../tokenizers/grid-tokenizer.ts';
import { MAX_POSITIONS } from '../tokenizers/remi-vocab.ts';
import type { MusicTokenizer } from '../tokenizers/tokenizer.ts';

/**
 * What generated tokens may be: the tokenizer's grammar (so output always decodes as the model
 * meant it) plus the user's constraints (key, pitch range, bars). Each sequence gets a state
 * machine; the sampler asks it for a mask of allowed ids before every draw.
 */

export interface MusicConstraints {
  /** only pitches of this key's scale (minor keys: natural and harmonic minor together) */
  key?: Key;
  /** lowest and highest MIDI pitch */
  pitchRange?: [number, number];
  /** stop after this many new bars (the sequence holds exactly this many) */
  bars: number;
  /** track roles the model may write (REMI; undefined: any) */
  roles?: readonly number[];
  /** lowest and highest pitch per track role (REMI), inside `pitchRange` when both are given */
  rolePitchRanges?: ReadonlyMap<number, readonly [number, number]>;
  /** the first bar holds a note (REMI): a song started from nothing opens with music, not rests */
  startWithNote?: boolean;
}

export interface SequenceGrammar {
  /** 1 where an id may come next (the grammar may reuse the array: read it before the next call) */
  allowed(): Uint8Array;
  /** records a chosen id; returns false when the id ends the sequence (it is not kept) */
  advance(id: number): boolean;
  readonly done: boolean;
}

/** Pitch classes a key allows: its major scale, or natural ∪ harmonic minor (the raised 7th is the minor key's leading tone). */
export function allowedPitchClasses(key: Key): Set<number> {
  const classes = new Set(scalePitchClasses(key, 'natural'));
  if (key.mode === 'minor') for (const pc of scalePitchClasses(key, 'harmonic')) classes.add(pc);
  return classes;
}

function pitchAllowed(pitch: number, constraints: MusicConstraints, scale: Set<number> | null, role?: number): boolean {
  if (constraints.pitchRange && (pitch < constraints.pitchRange[0] || pitch > constraints.pitchRange[1])) return false;
  const own = role === undefined ? undefined : constraints.rolePitchRanges?.get(role);
  if (own !== undefined && (pitch < own[0] || pitch > own[1])) return false;
  return scale === null || scale.has(((pitch % 12) + 12) % 12);
}

/**
 * REMI grammar for a continuation that starts right after a Bar token (the first new bar) and
 * keeps the seed's meter and tempo (no TimeSig/Tempo tokens).
 */
export class RemiGrammar implements SequenceGrammar {
  private barsStarted = 1;
  private barLength: number;
  private position = -1;
  private track = -1;
  private lastPitch = -1;
  private notesWritten = 0;
  private previous = 'Bar';
  private tokensInBar = 0;
  private finished = false;
  private readonly scale: Set<number> | null;
  private readonly mask: Uint8Array;

  /**
   * `maxTokensPerBar`: past this many tokens a bar is closed at the next chance, so a sequence
   * of N bars always ends within N × (maxTokensPerBar + 3) tokens, even from an untrained model.
   */
  constructor(
    private readonly tokenizer: MusicTokenizer,
    private readonly constraints: MusicConstraints,
    barSixteenths: number,
    readonly maxTokensPerBar = 96,
    /** the id that ends the sequence after the last bar: EOS, or FillEnd when filling in bars */
    private readonly endId = tokenizer.eos,
  ) {
    this.barLength = Math.min(MAX_POSITIONS, barSixteenths);
    this.scale = constraints.key ? allowedPitchClasses(constraints.key) : null;
    this.mask = new Uint8Array(tokenizer.vocab.size);
  }

  get done(): boolean {
    return this.finished;
  }

  allowed(): Uint8Array {
    const v = this.tokenizer.vocab;
    const mask = this.mask.fill(0);
    const allow = (family: string, index?: number): void => {
      const f = v.family(family);
      if (index === undefined) mask.fill(1, f.first, f.first + f.size);
      else mask[f.first + index] = 1;
    };
    const barOrEnd = (force = false): void => {
      // a new bar, or the end once the asked bars are written (either ends the sequence then)
      if (!force && this.constraints.startWithNote === true && this.notesWritten === 0 && this.barsStarted === 1) return;
      allow('Bar');
      if (this.barsStarted >= this.constraints.bars) mask[this.endId] = 1;
    };
    const positions = (): void => {
      for (let p = this.position + 1; p < this.barLength; p++) allow('Position', p);
    };
    const tracks = (): void => {
      const roles = this.constraints.roles ?? Array.from({ length: v.family('Track').size }, (_, i) => i);
      for (const r of roles) if (r !== this.track) allow('Track', r);
    };
    const pitches = (): void => {
      const f = v.family('Pitch');
      for (let i = 0; i < f.size; i++) {
        const pitch = this.tokenizer.minPitch + i;
        if (pitch > this.lastPitch && pitchAllowed(pitch, this.constraints, this.scale, this.track)) mask[f.first + i] = 1;
      }
    };
    const full = this.tokensInBar >= this.maxTokensPerBar;
    switch (this.previous) {
      case 'Bar':
        if (full) {
          barOrEnd();
          break;
        }
        positions();
        barOrEnd();
        break;
      case 'Position':
        if (this.track < 0 || (this.constraints.roles !== undefined && !this.constraints.roles.includes(this.track))) tracks();
        else {
          tracks();
          allow('Velocity');
          pitches();
        }
        break;
      case 'Track':
        allow('Velocity');
        break;
      case 'Velocity':
        pitches();
        break;
      case 'Pitch':
        allow('Duration');
        break;
      case 'Duration':
        if (full) {
          barOrEnd();
          break;
        }
        allow('Velocity');
        pitches();
        tracks();
        positions();
        barOrEnd();
        break;
      default:
        barOrEnd();
    }
    // A dead end (e.g. no pitch of the key left above the last one): let the bar close instead.
    if (!mask.includes(1)) barOrEnd(true);
    return mask;
  }

  advance(id: number): boolean {
    const v = this.tokenizer.vocab;
    const kind = v.kind(id) ?? 'PAD';
    const index = v.indexOf(id);
    if (kind === 'EOS' || id === this.endId || (kind === 'Bar' && this.barsStarted >= this.constraints.bars)) {
      this.finished = true;
      return false;
    }
    this.tokensInBar++;
    if (kind === 'Bar') {
      this.tokensInBar = 0;
      this.barsStarted++;
      this.position = -1;
      this.track = -1;
    } else if (kind === 'Position') {
      this.position = index;
      this.lastPitch = -1;
    } else if (kind === 'Track') {
      this.track = index;
      this.lastPitch = -1;
    } else if (kind === 'Pitch') {
      this.lastPitch = this.tokenizer.minPitch + index;
      this.notesWritten++;
    }
    this.previous = kind;
    return true;
  }
}

/** Grid grammar: pitches in the tokenizer's order then StepEnd, `bars × stepsPerBar` steps. */
export class GridGrammar implements SequenceGrammar {
  private steps = 0;
  private lastPitch: number | undefined = undefined;
  private inStep = 0;
  private finished = false;
  private readonly scale: Set<number> | null;
  private readonly mask: Uint8Array;

  constructor(
    private readonly tokenizer: GridTokenizer,
    private readonly constraints: MusicConstraints,
    private readonly stepsPerBar: number,
    private readonly maxVoices = 6,
  ) {
    this.scale = constraints.key ? allowedPitchClasses(constraints.key) : null;
    this.mask = new Uint8Array(tokenizer.vocab.size);
  }

  get done(): boolean {
    return this.finished;
  }

  allowed(): Uint8Array {
    const mask = this.mask.fill(0);
    mask[this.tokenizer.stepEnd] = 1;
    if (this.inStep >= this.maxVoices) return mask;
    const f = this.tokenizer.vocab.family('Pitch');
    for (let i = 0; i < f.size; i++) {
      const pitch = this.tokenizer.minPitch + i;
      if (this.tokenizer.follows(this.lastPitch, pitch) && pitchAllowed(pitch, this.constraints, this.scale)) mask[f.first + i] = 1;
    }
    return mask;
  }

  advance(id: number): boolean {
    if (id === this.tokenizer.stepEnd) {
      this.steps++;
      this.lastPitch = undefined;
      this.inStep = 0;
      if (this.steps >= this.constraints.bars * this.stepsPerBar) this.finished = true;
      return true;
    }
    const f = this.tokenizer.vocab.family('Pitch');
    if (id >= f.first && id < f.first + f.size) {
      this.lastPitch = this.tokenizer.minPitch + id - f.first;
      this.inStep++;
      return true;
    }
    this.finished = true;
    return false;
  }
}
