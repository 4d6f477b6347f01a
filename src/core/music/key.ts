/**
 * Musical keys: parsing what a user types (`C:major`, `F#:minor`, `Bb`, `Am`), scales, and
 * estimating the key of a passage with the Krumhansl–Schmuckler algorithm.
 */
import { AleaError } from '../errors.ts';
import type { Mode, Note } from './types.ts';

export interface Key {
  /** pitch class of the tonic, 0 = C .. 11 = B */
  tonic: number;
  mode: Mode;
}

export interface KeyEstimate extends Key {
  /** Pearson correlation of the passage's pitch-class profile with the key's profile, -1..1 */
  correlation: number;
}

export type MinorForm = 'natural' | 'harmonic' | 'melodic';

const LETTER_PITCH_CLASS: Record<string, number> = { c: 0, d: 2, e: 4, f: 5, g: 7, a: 9, b: 11 };
const ACCIDENTAL: Record<string, number> = { '': 0, '#': 1, '♯': 1, b: -1, '♭': -1 };
const MODE_WORDS: Record<string, Mode> = {
  '': 'major', major: 'major', maj: 'major', ionian: 'major',
  minor: 'minor', min: 'minor', m: 'minor', aeolian: 'minor',
};

/** Spellings used when printing a key: the ones with fewer accidentals, flats for flat keys. */
const MAJOR_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
const MINOR_NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'G#', 'A', 'Bb', 'B'];

const SCALE_STEPS: Record<'major' | MinorForm, readonly number[]> = {
  major: [0, 2, 4, 5, 7, 9, 11],
  natural: [0, 2, 3, 5, 7, 8, 10],
  harmonic: [0, 2, 3, 5, 7, 8, 11],
  melodic: [0, 2, 3, 5, 7, 9, 11],
};

/**
 * Parses `C:major`, `f#:minor`, `Bb major`, `Am`, `C` (major). Letter case does not matter.
 * Throws AleaError('usage') naming the text when it is not a key.
 */
export function parseKey(text: string): Key {
  const match = /^\s*([a-gA-G])([#♯b♭]?)\s*(?:[:\s]\s*)?([a-zA-Z]*)\s*$/.exec(text);
  const mode = match === null ? undefined : MODE_WORDS[match[3].toLowerCase()];
  if (match === null || mode === undefined) {
    throw new AleaError('usage', `'${text}' is not a key; write it like C:major, F#:minor or Bb:major`);
  }
  const tonic = (LETTER_PITCH_CLASS[match[1].toLowerCase()] + ACCIDENTAL[match[2]] + 12) % 12;
  return { tonic, mode };
}

/** `C:major`, `F#:minor`, `Bb:major` — the form parseKey reads. */
export function formatKey(key: Key): string {
  const names = key.mode === 'major' ? MAJOR_NAMES : MINOR_NAMES;
  return `${names[key.tonic]}:${key.mode}`;
}

/** Name of a pitch class in this key's spelling (e.g. 10 is `Bb` in F major, `A#` in B major). */
export function pitchClassName(pitchClass: number, key: Key = { tonic: 0, mode: 'major' }): string {
  const usesFlats = keyToSharps(key) < 0;
  const sharps = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
  const flats = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'];
  return (usesFlats ? flats : sharps)[((pitchClass % 12) + 12) % 12];
}

/** Pitch classes of the key's scale, tonic first. Minor keys use the natural minor unless asked. */
export function scalePitchClasses(key: Key, minorForm: MinorForm = 'natural'): number[] {
  const steps = key.mode === 'major' ? SCALE_STEPS.major : SCALE_STEPS[minorForm];
  return steps.map((step) => (key.tonic + step) % 12);
}

export function isInScale(pitch: number, key: Key, minorForm: MinorForm = 'natural'): boolean {
  return scalePitchClasses(key, minorForm).includes(((pitch % 12) + 12) % 12);
}

/** Sharps (positive) or flats (negative) in the key signature, as MIDI's key-signature event stores it. */
export function keyToSharps(key: Key): number {
  const majorTonic = key.mode === 'major' ? key.tonic : (key.tonic + 3) % 12;
  const fifths = (majorTonic * 7) % 12;
  // 0..6 sharps, else flats: Gb (6 flats) is written as F# (6 sharps), Db as 5 flats.
  return fifths > 6 ? fifths - 12 : fifths;
}

/** Inverse of keyToSharps for a count of -7..7. */
export function sharpsToKey(sharps: number, mode: Mode): Key {
  const majorTonic = (((sharps * 7) % 12) + 12) % 12;
  return { tonic: mode === 'major' ? majorTonic : (majorTonic + 9) % 12, mode };
}

// Krumhansl & Kessler (1982) probe-tone profiles, tonic first.
const MAJOR_PROFILE = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const MINOR_PROFILE = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

function correlation(a: readonly number[], b: readonly number[]): number {
  const mean = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(a);
  const mb = mean(b);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - ma) * (b[i] - mb);
    da += (a[i] - ma) ** 2;
    db += (b[i] - mb) ** 2;
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}

/** Duration-weighted pitch-class histogram (index 0 = C). */
export function pitchClassHistogram(notes: readonly Note[]): number[] {
  const histogram = new Array<number>(12).fill(0);
  for (const note of notes) histogram[note.pitch % 12] += note.endTick - note.startTick;
  return histogram;
}

/**
 * Most likely key of pitched notes (leave drums out). Undefined when there are no notes or all
 * pitch classes are equally present. Ties go to the key tried first: majors from C up, then minors.
 */
export function estimateKey(notes: readonly Note[]): KeyEstimate | undefined {
  const histogram = pitchClassHistogram(notes);
  let best: KeyEstimate | undefined;
  for (const mode of ['major', 'minor'] as const) {
    const profile = mode === 'major' ? MAJOR_PROFILE : MINOR_PROFILE;
    for (let tonic = 0; tonic < 12; tonic++) {
      const rotated = histogram.map((_, pc) => histogram[(pc + tonic) % 12]);
      const r = correlation(rotated, profile);
      if (best === undefined || r > best.correlation) best = { tonic, mode, correlation: r };
    }
  }
  return best === undefined || best.correlation === 0 ? undefined : best;
}
