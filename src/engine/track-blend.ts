/**
 * A dry/wet blend on an audio track: the track's clips (dry, the original) and a processed
 * version of their audio (wet: a full-strength Remix, the same length and timing) play together
 * through the track's chain and strip, mixed by `wet`. Live playback changes the mix while the
 * track plays (tone/blend-track.ts); the offline render plays the same clips at the same gains
 * (audio-clips.ts `placeClips`), so export renders the mix that is heard.
 *
 * The mix is linear, dry × (1 − w) + wet × w, not equal-power: the remix keeps the original's
 * notes, timing and phase, so the two are strongly correlated and a linear crossfade keeps the
 * level steady where an equal-power one would swell by up to 3 dB in the middle. It is also what
 * `alea remix --strength w` writes, so a strength heard in the workstation and the same strength
 * on the command line give the same mix.
 */
import { badInput } from '../core/errors.ts';
import type { Project } from './project.ts';

export interface TrackBlend {
  /**
   * For each source id the track's clips play, the source id of its processed version (the
   * same length: it plays in the same places). A source without one plays as it is in both.
   */
  versions: Readonly<Record<string, string>>;
  /** share of the processed version, 0..1 */
  wet: number;
  /** A/B: true plays the original alone, whatever `wet` says */
  bypass: boolean;
}

/** The processed version's share that sounds now (0 when bypassed). */
export function blendShare(blend: Pick<TrackBlend, 'wet' | 'bypass'>): number {
  return blend.bypass ? 0 : blend.wet;
}

/** Linear crossfade gains for a share of wet (see the file comment for why linear). */
export function blendGains(share: number): { dry: number; wet: number } {
  return { dry: 1 - share, wet: share };
}

/** The source a clip plays in the processed version. */
export function wetSourceOf(blend: TrackBlend, source: string): string {
  return Object.hasOwn(blend.versions, source) ? blend.versions[source] : source;
}

/** @throws AleaError 'bad-input' naming the track (`where`) and the problem */
export function validateBlend(blend: TrackBlend, where: string, pool?: ReadonlyMap<string, unknown>): void {
  if (!(blend.wet >= 0 && blend.wet <= 1)) throw badInput(`${where}: blend wet must be between 0 and 1, got ${blend.wet}`);
  if (typeof blend.bypass !== 'boolean') throw badInput(`${where}: blend bypass must be true or false`);
  for (const version of Object.values(blend.versions)) {
    if (pool !== undefined && !pool.has(version)) throw badInput(`${where}: blend audio '${version}' is not in the project's audio pool`);
  }
}

/**
 * Changes the blend of a track (index over MIDI tracks, then audio tracks) that has one.
 * @throws AleaError 'bad-input' for a track with no blend or a share outside 0..1
 */
export function withBlend(project: Project, index: number, change: Partial<Pick<TrackBlend, 'wet' | 'bypass'>>): Project {
  const a = index - project.tracks.length;
  const track = project.audioTracks[a];
  if (track?.blend === undefined) throw badInput(`track ${index} has no dry/wet blend`);
  const blend = { ...track.blend, ...change };
  validateBlend(blend, `track ${index} (${track.name})`);
  return { ...project, audioTracks: project.audioTracks.map((t, i) => (i === a ? { ...t, blend } : t)) };
}
