import type { Note, Song } from '../../../core/music/types.ts';

/**
 * Musical statistics for judging generated music against real music, after Yang & Lerch (2018),
 * "On the evaluation of generative models in music": per-set distributions of pitch classes,
 * pitch ranges, melodic intervals and inter-onset intervals, compared by their overlapping area
 * (1 = the same distribution, 0 = disjoint). Simplified from the paper: the distributions here
 * are pooled histograms over each set rather than kernel density estimates of pairwise distances.
 * Pure TypeScript (no tfjs), so the app can show the same figures.
 */

export interface SongFeatures {
  /** counts per pitch class C..B */
  pitchClasses: number[];
  /** highest minus lowest pitch, in semitones (0 without notes) */
  pitchRange: number;
  /** counts of melodic intervals −12..+12 (index + 12; wider leaps are clamped) along the top line */
  intervals: number[];
  /** counts of inter-onset intervals in 16ths, 1..16 (index + 1; longer ones clamped to 16) */
  interOnsets: number[];
  notes: number;
}

export const INTERVAL_SPAN = 12;
export const MAX_IOI_SIXTEENTHS = 16;

/** The top line: at each onset, the highest note (what a listener follows as the melody). */
function topLine(notes: readonly Note[]): Note[] {
  const byOnset = new Map<number, Note>();
  for (const n of notes) {
    const held = byOnset.get(n.startTick);
    if (held === undefined || n.pitch > held.pitch) byOnset.set(n.startTick, n);
  }
  return [...byOnset.values()].sort((a, b) => a.startTick - b.startTick);
}

export function songFeatures(song: Song): SongFeatures {
  const notes = song.tracks.filter((t) => !t.isDrum).flatMap((t) => t.notes);
  const pitchClasses = new Array<number>(12).fill(0);
  for (const n of notes) pitchClasses[n.pitch % 12]++;
  const pitches = notes.map((n) => n.pitch);
  const pitchRange = pitches.length > 0 ? Math.max(...pitches) - Math.min(...pitches) : 0;
  const intervals = new Array<number>(2 * INTERVAL_SPAN + 1).fill(0);
  const interOnsets = new Array<number>(MAX_IOI_SIXTEENTHS).fill(0);
  const line = topLine(notes);
  const sixteenth = song.ppq / 4;
  for (let i = 1; i < line.length; i++) {
    const step = Math.max(-INTERVAL_SPAN, Math.min(INTERVAL_SPAN, line[i].pitch - line[i - 1].pitch));
    intervals[step + INTERVAL_SPAN]++;
    const ioi = Math.max(1, Math.min(MAX_IOI_SIXTEENTHS, Math.round((line[i].startTick - line[i - 1].startTick) / sixteenth)));
    interOnsets[ioi - 1]++;
  }
  return { pitchClasses, pitchRange, intervals, interOnsets, notes: notes.length };
}

/** A histogram scaled to sum 1 (all zeros stay zeros). */
export function normalize(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return total > 0 ? counts.map((c) => c / total) : counts.map(() => 0);
}

/** Overlapping area of two histograms (each normalized first): Σ min(p, q), from 0 to 1. */
export function overlappingArea(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`histograms differ in size: ${a.length} and ${b.length}`);
  const p = normalize(a);
  const q = normalize(b);
  return p.reduce((sum, pi, i) => sum + Math.min(pi, q[i]), 0);
}

function sumHistograms(rows: readonly number[][], size: number): number[] {
  const out = new Array<number>(size).fill(0);
  for (const r of rows) r.forEach((v, i) => (out[i] += v));
  return out;
}

/** Pitch ranges of a set as a histogram in 2-semitone bins up to four octaves. */
function rangeHistogram(features: readonly SongFeatures[]): number[] {
  const bins = new Array<number>(25).fill(0);
  for (const f of features) if (f.notes > 0) bins[Math.min(24, Math.floor(f.pitchRange / 2))]++;
  return bins;
}

export interface SetComparison {
  /** overlapping areas, 0..1 (1: the generated set matches the real one) */
  pitchClassOverlap: number;
  pitchRangeOverlap: number;
  intervalOverlap: number;
  interOnsetOverlap: number;
  /** mean of the four overlaps */
  meanOverlap: number;
  /** notes per song, generated and real */
  generatedNotesPerSong: number;
  realNotesPerSong: number;
}

/** Compares a set of generated songs with a set of real ones (e.g. continuations of the same seeds). */
export function compareSets(generated: readonly Song[], real: readonly Song[]): SetComparison {
  const g = generated.map(songFeatures);
  const r = real.map(songFeatures);
  const pool = (fs: SongFeatures[], key: 'pitchClasses' | 'intervals' | 'interOnsets', size: number) => sumHistograms(fs.map((f) => f[key]), size);
  const pitchClassOverlap = overlappingArea(pool(g, 'pitchClasses', 12), pool(r, 'pitchClasses', 12));
  const pitchRangeOverlap = overlappingArea(rangeHistogram(g), rangeHistogram(r));
  const intervalOverlap = overlappingArea(pool(g, 'intervals', 2 * INTERVAL_SPAN + 1), pool(r, 'intervals', 2 * INTERVAL_SPAN + 1));
  const interOnsetOverlap = overlappingArea(pool(g, 'interOnsets', MAX_IOI_SIXTEENTHS), pool(r, 'interOnsets', MAX_IOI_SIXTEENTHS));
  const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return {
    pitchClassOverlap,
    pitchRangeOverlap,
    intervalOverlap,
    interOnsetOverlap,
    meanOverlap: (pitchClassOverlap + pitchRangeOverlap + intervalOverlap + interOnsetOverlap) / 4,
    generatedNotesPerSong: mean(g.map((f) => f.notes)),
    realNotesPerSong: mean(r.map((f) => f.notes)),
  };
}
