import { Vocab } from './vocab.ts';

/**
 * The REMI event vocabulary and its value buckets. Times are on a 16th-note grid; a bar holds
 * up to MAX_POSITIONS 16ths (7/4 is the longest supported bar).
 */

export const MAX_POSITIONS = 32;

/** Note lengths in 16ths: every length up to two 4/4 bars, then coarser steps up to four bars. */
export const DURATIONS_16THS: readonly number[] = [
  ...Array.from({ length: 32 }, (_, i) => i + 1),
  40, 48, 56, 64,
];

/** Velocity bucket values (the value a decoded note gets). */
export const VELOCITIES: readonly number[] = [16, 32, 48, 64, 80, 96, 112, 127];

/** Tempo bucket values in bpm: 32 steps of ≈6% from 40 to 240 bpm, rounded to whole bpm. */
export const TEMPOS: readonly number[] = Array.from({ length: 32 }, (_, i) => Math.round(40 * Math.pow(6, i / 31)));

export const TIME_SIGNATURES: ReadonlyArray<readonly [number, number]> = [
  [4, 4], [3, 4], [2, 4], [6, 8], [2, 2], [3, 8], [5, 4], [6, 4], [7, 8], [9, 8], [12, 8], [5, 8], [3, 2], [7, 4],
];

/**
 * Track roles: every selected track is given one, so a model learns what a melody, an
 * accompaniment or a bass line does regardless of the file it came from.
 */
export const TRACK_ROLES: readonly string[] = ['Melody', 'Bridge', 'Accompaniment', 'Bass', 'Part 5', 'Part 6', 'Part 7', 'Part 8'];
export const ROLE_MELODY = 0;
export const ROLE_BRIDGE = 1;
export const ROLE_ACCOMPANIMENT = 2;
export const ROLE_BASS = 3;

/** General MIDI program a decoded track of each role gets (bass: electric bass, finger). */
export const ROLE_PROGRAMS: readonly number[] = [0, 0, 0, 33, 0, 0, 0, 0];

export interface RemiTokenizerConfig {
  kind: 'remi';
  /** lowest and highest MIDI pitch with a token; other notes are folded by octaves into range */
  minPitch: number;
  maxPitch: number;
  /**
   * Fill-in-the-middle marks (FillSuffix, FillMiddle, FillEnd) at the end of the vocabulary, so
   * one model both continues and infills bars (see infill-format.ts). Absent: a plain model.
   */
  infill?: boolean;
}

export const DEFAULT_REMI_CONFIG: RemiTokenizerConfig = { kind: 'remi', minPitch: 21, maxPitch: 108 };

export function buildRemiVocab(config: RemiTokenizerConfig): Vocab {
  return new Vocab([
    ['PAD', 1],
    ['BOS', 1],
    ['EOS', 1],
    ['Bar', 1],
    ['TimeSig', TIME_SIGNATURES.length],
    ['Tempo', TEMPOS.length],
    ['Position', MAX_POSITIONS],
    ['Track', TRACK_ROLES.length],
    ['Velocity', VELOCITIES.length],
    ['Pitch', config.maxPitch - config.minPitch + 1],
    ['Duration', DURATIONS_16THS.length],
    ...(config.infill === true ? INFILL_FAMILIES.map((name) => [name, 1] as const) : []),
  ]);
}

/** The fill-in-the-middle marks, last in the vocabulary so a plain model's ids are unchanged. */
export const INFILL_FAMILIES = ['FillSuffix', 'FillMiddle', 'FillEnd'] as const;

function nearestIndex(values: readonly number[], distance: (v: number) => number): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (distance(values[i]) < distance(values[best])) best = i;
  return best;
}

export function velocityBucket(velocity: number): number {
  return nearestIndex(VELOCITIES, (v) => Math.abs(v - velocity));
}

export function tempoBucket(bpm: number): number {
  return nearestIndex(TEMPOS, (t) => Math.abs(Math.log(t / bpm)));
}

export function durationBucket(sixteenths: number): number {
  return nearestIndex(DURATIONS_16THS, (d) => Math.abs(d - sixteenths));
}

/** Bar length in 16ths of a time signature. */
export function barSixteenths(numerator: number, denominator: number): number {
  return Math.round((numerator * 16) / denominator);
}

/**
 * Index of a time signature in TIME_SIGNATURES: the same one when listed, else one with the same
 * bar length, else 4/4.
 */
export function timeSignatureIndex(numerator: number, denominator: number): number {
  const exact = TIME_SIGNATURES.findIndex(([n, d]) => n === numerator && d === denominator);
  if (exact >= 0) return exact;
  const length = barSixteenths(numerator, denominator);
  const sameLength = TIME_SIGNATURES.findIndex(([n, d]) => barSixteenths(n, d) === length);
  return sameLength >= 0 ? sameLength : 0;
}

/** Folds a pitch by octaves into [min, max]. */
export function foldPitch(pitch: number, min: number, max: number): number {
  let p = pitch;
  while (p < min) p += 12;
  while (p > max) p -= 12;
  return p;
}
