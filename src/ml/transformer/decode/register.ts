import type { Song } from '../../../core/music/types.ts';
import { assignRoles, selectTracks, type TrackSelection } from '../tokenizers/track-selection.ts';

/**
 * The register a continuation keeps to: each part's lowest and highest pitch over the seed's last
 * bars, widened by a margin. Sampled freely, the models drift away from the seed's register over
 * a few bars (a folk tune around G4 was continued around A5); a melody rarely leaves the span it
 * has just used by more than a few semitones, so the sampler masks pitches outside it.
 */

/** Bars of the seed (before the continuation) whose pitches set the register. */
export const REGISTER_BARS = 8;

export interface SeedRegister {
  /** per track role (REMI): the pitches that role may use */
  byRole: Map<number, [number, number]>;
  /** over all selected tracks (the grid models, which have no roles) */
  all: [number, number];
}

/**
 * The register of `track` in `seed` over the `barTicks × REGISTER_BARS` ticks before `endTick`,
 * each range widened by `margin` semitones; undefined when those bars hold no notes.
 */
export function seedRegister(seed: Song, track: TrackSelection, endTick: number, barTicks: number, margin: number): SeedRegister | undefined {
  const from = endTick - REGISTER_BARS * barTicks;
  const tracks = selectTracks(seed, track);
  const roles = assignRoles(tracks);
  const byRole = new Map<number, [number, number]>();
  let all: [number, number] | undefined;
  tracks.forEach((t, i) => {
    for (const n of t.notes) {
      if (n.endTick <= from || n.startTick >= endTick) continue;
      const range = byRole.get(roles[i]);
      byRole.set(roles[i], range === undefined ? [n.pitch, n.pitch] : [Math.min(range[0], n.pitch), Math.max(range[1], n.pitch)]);
      all = all === undefined ? [n.pitch, n.pitch] : [Math.min(all[0], n.pitch), Math.max(all[1], n.pitch)];
    }
  });
  if (all === undefined) return undefined;
  const widen = ([lo, hi]: [number, number]): [number, number] => [Math.max(0, lo - margin), Math.min(127, hi + margin)];
  return { byRole: new Map([...byRole].map(([role, range]) => [role, widen(range)])), all: widen(all) };
}
