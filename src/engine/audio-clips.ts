/**
 * Audio tracks as sample ranges: where each clip lands on the timeline and which samples of its
 * source it plays, at a given sample rate. Live playback and the offline render both place clips
 * with these, so they agree to the sample.
 */
import type { AudioData } from '../core/audio/audio-data.ts';
import { resample } from '../core/audio/resample.ts';
import type { AudioPool } from './project-validate.ts';
import type { AudioClip, AudioTrackSetup } from './project.ts';
import { blendGains, blendShare, wetSourceOf } from './track-blend.ts';

export interface PlacedClip {
  /** the source at the placement's sample rate */
  audio: AudioData;
  /** first output sample */
  start: number;
  /** first source sample */
  offset: number;
  /** samples played (within the source) */
  length: number;
  /** linear clip gain */
  gain: number;
}

/**
 * Conversions kept with their source: a live edit rebuilds the graph with a fresh PoolAtRate but
 * the same AudioData, and a long clip should not be resampled again for every edit.
 */
const conversions = new WeakMap<AudioData, Map<number, AudioData>>();

/** Records `converted` as `source` at `converted.sampleRate` (the app resamples imports in a worker). */
export function rememberConversion(source: AudioData, converted: AudioData): void {
  const byRate = conversions.get(source) ?? new Map<number, AudioData>();
  byRate.set(converted.sampleRate, converted);
  conversions.set(source, byRate);
}

/** Sources converted to one sample rate, each converted once. */
export class PoolAtRate {
  private readonly converted = new Map<string, AudioData>();

  constructor(
    readonly pool: AudioPool,
    readonly sampleRate: number,
  ) {}

  get(id: string): AudioData | undefined {
    const cached = this.converted.get(id);
    if (cached !== undefined) return cached;
    const source = this.pool.get(id);
    if (source === undefined) return undefined;
    let audio = source.sampleRate === this.sampleRate ? source : conversions.get(source)?.get(this.sampleRate);
    if (audio === undefined) {
      audio = resample(source, this.sampleRate);
      rememberConversion(source, audio);
    }
    this.converted.set(id, audio);
    return audio;
  }
}

export function placeClip(clip: AudioClip, sources: PoolAtRate): PlacedClip | undefined {
  const audio = sources.get(clip.source);
  if (audio === undefined || audio.channels.length === 0) return undefined;
  const rate = sources.sampleRate;
  const sourceLength = audio.channels[0].length;
  const offset = Math.min(sourceLength, Math.round(clip.offsetSeconds * rate));
  const length = Math.min(sourceLength - offset, Math.round(clip.lengthSeconds * rate));
  if (length <= 0) return undefined;
  return { audio, start: Math.round(clip.startSeconds * rate), offset, length, gain: Math.pow(10, clip.gainDb / 20) };
}

/**
 * Every clip of a track, placed. A track with a blend plays its clips at the dry gain and their
 * processed versions at the wet gain (both kept at any mix, so the track's channels stay put).
 */
export function placeClips(track: AudioTrackSetup, sources: PoolAtRate): PlacedClip[] {
  if (track.blend === undefined) return track.clips.flatMap((clip) => placeClip(clip, sources) ?? []);
  const { dry, wet } = placeBlendParts(track, sources);
  const gains = blendGains(blendShare(track.blend));
  return [...dry.map((c) => ({ ...c, gain: c.gain * gains.dry })), ...wet.map((c) => ({ ...c, gain: c.gain * gains.wet }))];
}

/** A blended track's clips as they are (dry) and their processed versions (wet), at full gain, for live mixing. */
export function placeBlendParts(track: AudioTrackSetup, sources: PoolAtRate): { dry: PlacedClip[]; wet: PlacedClip[] } {
  const dry = track.clips.flatMap((clip) => placeClip(clip, sources) ?? []);
  const blend = track.blend;
  if (blend === undefined) return { dry, wet: [] };
  return { dry, wet: track.clips.flatMap((clip) => placeClip({ ...clip, source: wetSourceOf(blend, clip.source) }, sources) ?? []) };
}

/** Samples until the track's last clip ends. */
export function audioTrackEnd(placed: readonly PlacedClip[]): number {
  return placed.reduce((end, clip) => Math.max(end, clip.start + clip.length), 0);
}

/** Whether a track plays as stereo: when any of its sources has two or more channels. */
export function isStereoTrack(placed: readonly PlacedClip[]): boolean {
  return placed.some((clip) => clip.audio.channels.length > 1);
}

/**
 * The track's clips summed, before its chain and strip: mono, or stereo when any source is
 * (a mono clip on a stereo track feeds both sides, as Web Audio up-mixes mono).
 */
export function renderAudioTrack(placed: readonly PlacedClip[], length: number): Float32Array[] {
  const out = isStereoTrack(placed) ? [new Float32Array(length), new Float32Array(length)] : [new Float32Array(length)];
  for (const clip of placed) {
    const n = Math.min(clip.length, length - clip.start);
    for (let c = 0; c < out.length; c++) {
      const source = clip.audio.channels[Math.min(c, clip.audio.channels.length - 1)];
      const target = out[c];
      for (let i = 0; i < n; i++) target[clip.start + i] += source[clip.offset + i] * clip.gain;
    }
  }
  return out;
}

/**
 * Samples [from, from + out[0].length) of `renderAudioTrack`'s output, added into `out` (zeroed,
 * as many channels as the track has): the same sums in the same order, so a render in blocks
 * equals the whole-track one to the bit without holding the whole track.
 */
export function addAudioTrackWindow(placed: readonly PlacedClip[], out: readonly Float32Array[], from: number, length: number): void {
  const end = Math.min(length, from + out[0].length);
  for (const clip of placed) {
    const first = Math.max(from, clip.start);
    const last = Math.min(end, clip.start + clip.length);
    if (last <= first) continue;
    for (let c = 0; c < out.length; c++) {
      const source = clip.audio.channels[Math.min(c, clip.audio.channels.length - 1)];
      const target = out[c];
      const shift = clip.offset - clip.start;
      for (let i = first; i < last; i++) target[i - from] += source[i + shift] * clip.gain;
    }
  }
}
