import type { Note, Song } from '../../../core/music/types.ts';
import type { MusicTokenizer } from './tokenizer.ts';
import { selectTracks, type TrackSelection } from './track-selection.ts';
import { Vocab } from './vocab.ts';

/**
 * Piano-roll tokenizer on a fixed step grid (JSB chorales: one step per quarter note). Each step
 * is its sounding pitches in `pitchOrder` (ascending by default; descending puts the soprano first,
 * so the voices are predicted melody-first), then StepEnd; a piece is BOS then its steps (no
 * EOS: pieces simply end). The probability of a step's pitch set is the product of its tokens'
 * probabilities, so a step's NLL is exactly the sum of the NLLs of its tokens, StepEnd included.
 */
export interface GridTokenizerConfig {
  kind: 'grid';
  minPitch: number;
  maxPitch: number;
  /** steps per quarter note (1 = quarter-note grid) */
  stepsPerQuarter: number;
  /** order of a step's pitches (absent: ascending, as models saved before this option read) */
  pitchOrder?: 'ascending' | 'descending';
}

export const DEFAULT_GRID_CONFIG: GridTokenizerConfig = { kind: 'grid', minPitch: 21, maxPitch: 108, stepsPerQuarter: 1 };

const DECODED_PPQ = 480;
const DECODED_BPM = 90;

export class GridTokenizer implements MusicTokenizer {
  readonly config: GridTokenizerConfig;
  readonly vocab: Vocab;
  readonly pad: number;
  readonly bos: number;
  readonly eos: number;
  readonly stepEnd: number;
  readonly minPitch: number;
  readonly maxPitch: number;
  /** +1: a step's pitches rise; -1: they fall (soprano first) */
  readonly direction: 1 | -1;
  readonly unitFamily = 'StepEnd';
  readonly boundaryFamily = 'StepEnd';

  constructor(config: GridTokenizerConfig = DEFAULT_GRID_CONFIG) {
    this.config = { ...config };
    this.vocab = new Vocab([['PAD', 1], ['BOS', 1], ['EOS', 1], ['StepEnd', 1], ['Pitch', config.maxPitch - config.minPitch + 1]]);
    this.pad = this.vocab.id('PAD');
    this.bos = this.vocab.id('BOS');
    this.eos = this.vocab.id('EOS');
    this.stepEnd = this.vocab.id('StepEnd');
    this.minPitch = config.minPitch;
    this.maxPitch = config.maxPitch;
    this.direction = config.pitchOrder === 'descending' ? -1 : 1;
  }

  /** Whether `pitch` may follow `previous` inside one step (in the tokenizer's order). */
  follows(previous: number | undefined, pitch: number): boolean {
    return previous === undefined || (pitch - previous) * this.direction > 0;
  }

  /** Steps (each a list of MIDI pitches) → ids. Pitches out of range are dropped, duplicates merged. */
  encodeSteps(steps: readonly (readonly number[])[]): number[] {
    const ids = [this.bos];
    const first = this.vocab.family('Pitch').first;
    for (const step of steps) {
      const pitches = [...new Set(step)].filter((p) => p >= this.minPitch && p <= this.maxPitch).sort((a, b) => (a - b) * this.direction);
      for (const p of pitches) ids.push(first + p - this.minPitch);
      ids.push(this.stepEnd);
    }
    return ids;
  }

  /** ids → steps, each ascending. Pitches out of the tokenizer's order are skipped; tokens after an EOS are ignored. */
  decodeSteps(ids: readonly number[]): number[][] {
    const steps: number[][] = [];
    let current: number[] = [];
    for (const id of ids) {
      const kind = this.vocab.kind(id);
      if (kind === 'EOS') break;
      if (kind === 'StepEnd') {
        steps.push(current);
        current = [];
      } else if (kind === 'Pitch') {
        const pitch = this.minPitch + this.vocab.indexOf(id);
        if (this.follows(current.at(-1), pitch)) current.push(pitch);
      }
    }
    return steps.map((step) => step.sort((a, b) => a - b));
  }

  /** The selected tracks sampled at each step's start: every pitch sounding there. */
  encode(song: Song, selection: TrackSelection): number[] {
    return this.encodeSteps(this.songToSteps(song, selection));
  }

  songToSteps(song: Song, selection: TrackSelection): number[][] {
    const notes = selectTracks(song, selection).flatMap((t) => t.notes);
    const stepTicks = song.ppq / this.config.stepsPerQuarter;
    const end = notes.reduce((m, n) => Math.max(m, n.endTick), 0);
    const count = Math.ceil(end / stepTicks - 1e-9);
    const steps: number[][] = Array.from({ length: count }, () => []);
    for (const n of notes) {
      // a note sounds at every step start inside [start, end), rounding its start to the grid
      const from = Math.round(n.startTick / stepTicks);
      const to = Math.max(from + 1, Math.round(n.endTick / stepTicks));
      for (let s = from; s < to && s < count; s++) steps[s].push(n.pitch);
    }
    return steps.map((step) => [...new Set(step)].sort((a, b) => a - b));
  }

  /**
   * ids → one-track Song (ppq 480, 4/4, 90 bpm). A pitch sounding in consecutive steps becomes
   * one held note: the quarter-note grid cannot tell a held note from a repeated one, and held
   * notes are what chorales mostly do.
   */
  decode(ids: readonly number[]): Song {
    return this.stepsToSong(this.decodeSteps(ids));
  }

  stepsToSong(steps: readonly (readonly number[])[]): Song {
    const stepTicks = DECODED_PPQ / this.config.stepsPerQuarter;
    const notes: Note[] = [];
    const open = new Map<number, Note>();
    steps.forEach((step, s) => {
      const here = new Set(step);
      for (const [pitch, note] of open) if (!here.has(pitch)) open.delete(pitch);
      for (const pitch of here) {
        const held = open.get(pitch);
        if (held !== undefined) held.endTick = (s + 1) * stepTicks;
        else {
          const note = { pitch, velocity: 80, startTick: s * stepTicks, endTick: (s + 1) * stepTicks };
          notes.push(note);
          open.set(pitch, note);
        }
      }
    });
    notes.sort((a, b) => a.startTick - b.startTick || a.pitch - b.pitch);
    return {
      name: '',
      ppq: DECODED_PPQ,
      tracks: notes.length > 0 ? [{ name: 'Chorale', channel: 0, program: 0, isDrum: false, notes }] : [],
      tempos: [{ tick: 0, bpm: DECODED_BPM }],
      timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
      keySignatures: [],
      texts: [],
    };
  }

  /** Steps carry no state: a crop at a step start reads on its own. */
  cropAt(ids: readonly number[], index: number): number[] {
    return ids.slice(Math.max(0, index));
  }
}
