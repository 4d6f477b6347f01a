/**
 * Tempo and meter edits with the messages a user sees when a value is refused. Notes keep their
 * ticks: a new tempo changes how long a bar lasts, a new meter how bars fall.
 */
import { AleaError } from '../../core/errors.ts';
import type { Song } from '../../core/music/types.ts';

export const MIN_BPM = 20;
export const MAX_BPM = 400;
export const METER_DENOMINATORS = [1, 2, 4, 8, 16, 32] as const;
export const MAX_METER_NUMERATOR = 32;

/** Why `bpm` cannot be the tempo, or null when it can. */
export function tempoProblem(bpm: number): string | null {
  if (!Number.isFinite(bpm)) return `Tempo must be a number of beats per minute from ${MIN_BPM} to ${MAX_BPM}`;
  if (bpm < MIN_BPM || bpm > MAX_BPM) return `Tempo must be from ${MIN_BPM} to ${MAX_BPM} BPM, got ${bpm}`;
  return null;
}

/** Why numerator/denominator cannot be the meter, or null when it can. */
export function meterProblem(numerator: number, denominator: number): string | null {
  if (!(Number.isInteger(numerator) && numerator >= 1 && numerator <= MAX_METER_NUMERATOR)) {
    return `A bar must hold 1 to ${MAX_METER_NUMERATOR} beats, got ${Number.isFinite(numerator) ? numerator : 'nothing'}`;
  }
  if (!(METER_DENOMINATORS as readonly number[]).includes(denominator)) {
    return `The beat must be a ${METER_DENOMINATORS.join(', ')} note, got ${Number.isFinite(denominator) ? denominator : 'nothing'}`;
  }
  return null;
}

/**
 * The song at `bpm`: every tempo change is scaled by the same ratio, so a song that speeds up
 * keeps its shape. @throws AleaError 'usage' with the message of `tempoProblem`
 */
export function withTempo(song: Song, bpm: number): Song {
  const problem = tempoProblem(bpm);
  if (problem !== null) throw new AleaError('usage', problem);
  const first = song.tempos[0]?.bpm ?? 120;
  const ratio = bpm / first;
  const tempos = song.tempos.length === 0 ? [{ tick: 0, bpm }] : song.tempos.map((t, i) => ({ tick: t.tick, bpm: i === 0 ? bpm : t.bpm * ratio }));
  return { ...song, tempos };
}

/** The song with its first meter (the one at tick 0) changed. @throws AleaError 'usage' */
export function withMeter(song: Song, numerator: number, denominator: number): Song {
  const problem = meterProblem(numerator, denominator);
  if (problem !== null) throw new AleaError('usage', problem);
  const later = song.timeSignatures.filter((t) => t.tick > 0);
  return { ...song, timeSignatures: [{ tick: 0, numerator, denominator }, ...later] };
}
