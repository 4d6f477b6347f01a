import { audioDuration, type AudioData } from '../../core/audio/audio-data.ts';
import { createProject, instrumentDescriptor, wholeClip, type AudioPool, type MixerStrip, type Project } from '../../engine/index.ts';
import type { StripSettings } from '../state/track-state.svelte.ts';
import { MIN_VOLUME_DB } from '../state/track-state.svelte.ts';
import type { WorkstationProject } from './engine-port.ts';

/** The fader's bottom position is silence. */
export function faderDb(volumeDb: number): number {
  return volumeDb <= MIN_VOLUME_DB ? Number.NEGATIVE_INFINITY : volumeDb;
}

/** A track row's mixer settings as the engine's strip (the engine applies mute and solo). */
export function engineStrip(strip: StripSettings): MixerStrip {
  return { volumeDb: faderDb(strip.volumeDb), pan: strip.pan, mute: strip.muted, solo: strip.soloed };
}

/**
 * The engine's project for the workstation's: default instruments from each track's GM program,
 * then one audio track per imported clip (where its placements say, else whole from the song start),
 * its audio in the pool.
 */
export function toEngineProject(project: WorkstationProject): { project: Project; pool: AudioPool } {
  const base = createProject(project.song);
  const tracks = base.tracks.map((setup, i) => {
    const rack = project.racks?.[i];
    const instrument = project.instruments?.[i] ?? rack?.instrument ?? setup.instrument;
    return { ...setup, instrument, midiEffects: [...(rack?.midiEffects ?? [])], chain: [...(rack?.chain ?? [])], strip: engineStrip(project.midiStrips[i]) };
  });
  const pool = new Map<string, AudioData>();
  const audioTracks = project.clips.map((clip, i) => {
    const source = `clip-${i}`;
    pool.set(source, clip.audio);
    const clips = clip.placements?.map((p) => ({ ...p, source })) ?? [wholeClip(source, audioDuration(clip.audio))];
    if (clip.blend !== undefined) {
      // the engine plays the original as the clips and the remix (the row's audio) as their processed version
      const wet = `${source}-remix`;
      pool.set(source, clip.blend.dry);
      pool.set(wet, clip.audio);
      const blend = { versions: { [source]: wet }, wet: clip.blend.amount, bypass: clip.blend.bypass };
      return { name: clip.name, clips, blend, chain: [...(clip.chain ?? [])], strip: engineStrip(clip.strip) };
    }
    return { name: clip.name, clips, chain: [...(clip.chain ?? [])], strip: engineStrip(clip.strip) };
  });
  return { project: { ...base, tracks, audioTracks }, pool };
}

/** "Sampler · keys", "Poly Synth": what plays a track, for the track list. */
export function instrumentLabel(project: Project, index: number): string {
  const instrument = project.tracks[index].instrument;
  const name = instrumentDescriptor(instrument.plugin).name;
  const sound = instrument.params.sound;
  return typeof sound === 'string' ? `${name} · ${sound}` : name;
}
