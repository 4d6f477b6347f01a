import { createDrySynth, quietly, SYNTH_BLOCK, type SoundBank } from './bank.ts';

export interface NoteRenderOptions {
  /** General MIDI program 0..127 (bank 0) */
  program: number;
  /** MIDI pitch 0..127 */
  pitch: number;
  /** MIDI velocity 1..127 */
  velocity: number;
  /** seconds from note on to note off */
  holdSeconds: number;
  /** seconds rendered after note off (the release tail) */
  releaseSeconds: number;
  sampleRate: number;
  /** play on channel 10, the GM drum kit (`program` then picks the kit; 0 = Standard) */
  drums?: boolean;
}

/** MIDI channel 10 (index 9): General MIDI's drum channel. */
const DRUM_CHANNEL = 9;

/** Samples a note of these options renders to: round((hold + release) × rate). */
export function noteRenderLength(options: Pick<NoteRenderOptions, 'holdSeconds' | 'releaseSeconds' | 'sampleRate'>): number {
  return Math.round((options.holdSeconds + options.releaseSeconds) * options.sampleRate);
}

/**
 * Renders one dry note, mono (the mean of the synth's two channels, so the bank's panning does not
 * change the level). Deterministic: a fresh synthesizer per note, no effects.
 */
export function renderNote(bank: SoundBank, options: NoteRenderOptions): Float32Array {
  checkNoteOptions(options);
  const { sampleRate } = options;
  const length = noteRenderLength(options);
  const noteOffAt = Math.min(length, Math.round(options.holdSeconds * sampleRate));
  const synth = createDrySynth(bank, sampleRate);
  const channel = options.drums === true ? DRUM_CHANNEL : 0;
  quietly(() => synth.programChange(channel, options.program));
  synth.noteOn(channel, options.pitch, options.velocity);
  const left = new Float32Array(length);
  const right = new Float32Array(length);
  let offSent = false;
  for (let start = 0; start < length; ) {
    if (!offSent && start >= noteOffAt) {
      synth.noteOff(channel, options.pitch);
      offSent = true;
    }
    const until = offSent ? length : noteOffAt;
    const count = Math.min(SYNTH_BLOCK, until - start);
    synth.process(left, right, start, count);
    start += count;
  }
  for (let i = 0; i < length; i++) left[i] = 0.5 * (left[i] + right[i]);
  return left;
}

function checkNoteOptions(options: NoteRenderOptions): void {
  const checks: [boolean, string][] = [
    [isIntIn(options.program, 0, 127), `program must be an integer 0..127, got ${options.program}`],
    [isIntIn(options.pitch, 0, 127), `pitch must be an integer 0..127, got ${options.pitch}`],
    [isIntIn(options.velocity, 1, 127), `velocity must be an integer 1..127, got ${options.velocity}`],
    [options.holdSeconds >= 0 && Number.isFinite(options.holdSeconds), `holdSeconds must be ≥ 0, got ${options.holdSeconds}`],
    [options.releaseSeconds >= 0 && Number.isFinite(options.releaseSeconds), `releaseSeconds must be ≥ 0, got ${options.releaseSeconds}`],
    [isIntIn(options.sampleRate, 8000, 192000), `sampleRate must be an integer 8000..192000, got ${options.sampleRate}`],
  ];
  for (const [ok, message] of checks) if (!ok) throw new RangeError(`renderNote: ${message}`);
}

function isIntIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
