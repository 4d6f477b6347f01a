/**
 * Moves note starts and ends toward a rhythmic grid. The grid is given in steps per quarter note:
 * 4 = sixteenths, 3 = eighth triplets, 12 = both (their common subdivision).
 */
import { AleaError } from '../errors.ts';
import { sortNotes } from './song.ts';
import type { Note, Song, Track } from './types.ts';

export interface QuantizeOptions {
  /** grid steps per quarter note (integer >= 1) */
  stepsPerQuarter: number;
  /** 0 = leave notes alone, 1 = exactly on the grid (default 1) */
  strength?: number;
  /**
   * 0 = straight (default); 1 = every odd grid step is delayed by a third of a step, so each
   * pair of steps plays long-short 2:1 (a triplet shuffle).
   */
  swing?: number;
}

interface Grid {
  step: number;
  swing: number;
}

function checkOptions(options: QuantizeOptions): Required<QuantizeOptions> {
  const { stepsPerQuarter, strength = 1, swing = 0 } = options;
  if (!(Number.isInteger(stepsPerQuarter) && stepsPerQuarter >= 1 && stepsPerQuarter <= 96)) {
    throw new AleaError('usage', `grid must be 1..96 steps per quarter note, got ${stepsPerQuarter}`);
  }
  if (!(strength >= 0 && strength <= 1)) throw new AleaError('usage', `quantize strength must be 0..1, got ${strength}`);
  if (!(swing >= 0 && swing <= 1)) throw new AleaError('usage', `swing must be 0..1, got ${swing}`);
  return { stepsPerQuarter, strength, swing };
}

/** Tick of grid point `index` (swung when odd), rounded to whole ticks. */
function gridTick(grid: Grid, index: number): number {
  const swingOffset = index % 2 === 1 ? (grid.swing * grid.step) / 3 : 0;
  return Math.round(index * grid.step + swingOffset);
}

/** Index of the grid point nearest to `tick`. */
function nearestIndex(grid: Grid, tick: number): number {
  const guess = Math.round(tick / grid.step);
  let best = Math.max(0, guess - 1);
  for (let index = best + 1; index <= guess + 1; index++) {
    if (Math.abs(gridTick(grid, index) - tick) < Math.abs(gridTick(grid, best) - tick)) best = index;
  }
  return best;
}

/**
 * Quantized copies of `notes`, sorted. At full strength every start and end is a grid point and
 * every note lasts at least one step; at any strength a note keeps end > start. Notes of the
 * same pitch that land on the same start merge into one (the longer end, the louder velocity).
 */
export function quantizeNotes(notes: readonly Note[], ppq: number, options: QuantizeOptions): Note[] {
  const { stepsPerQuarter, strength, swing } = checkOptions(options);
  const grid: Grid = { step: ppq / stepsPerQuarter, swing };
  const moved = notes.map((note) => {
    const startIndex = nearestIndex(grid, note.startTick);
    const endIndex = Math.max(startIndex + 1, nearestIndex(grid, note.endTick));
    const toward = (from: number, target: number): number => Math.round(from + strength * (target - from));
    const startTick = toward(note.startTick, gridTick(grid, startIndex));
    const endTick = Math.max(startTick + 1, toward(note.endTick, gridTick(grid, endIndex)));
    return { pitch: note.pitch, velocity: note.velocity, startTick, endTick };
  });

  const byStartAndPitch = new Map<string, Note>();
  for (const note of moved) {
    const key = `${note.startTick}:${note.pitch}`;
    const existing = byStartAndPitch.get(key);
    if (existing === undefined) byStartAndPitch.set(key, note);
    else {
      existing.endTick = Math.max(existing.endTick, note.endTick);
      existing.velocity = Math.max(existing.velocity, note.velocity);
    }
  }
  return sortNotes([...byStartAndPitch.values()]);
}

export function quantizeTrack(track: Track, ppq: number, options: QuantizeOptions): Track {
  return { ...track, notes: quantizeNotes(track.notes, ppq, options) };
}

export function quantizeSong(song: Song, options: QuantizeOptions): Song {
  return { ...song, tracks: song.tracks.map((t) => quantizeTrack(t, song.ppq, options)) };
}

/** Whether every start and end already lies on the (straight) grid. */
export function isQuantized(notes: readonly Note[], ppq: number, stepsPerQuarter: number): boolean {
  const grid: Grid = { step: ppq / stepsPerQuarter, swing: 0 };
  const onGrid = (tick: number): boolean => gridTick(grid, nearestIndex(grid, tick)) === tick;
  return notes.every((n) => onGrid(n.startTick) && onGrid(n.endTick));
}
