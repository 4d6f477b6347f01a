import { createProject, instrumentDescriptor, type Project } from '../../engine/index.ts';
import type { ClipMixInput } from './clip-mix.ts';
import type { StripSettings } from '../state/track-state.svelte.ts';
import { MIN_VOLUME_DB } from '../state/track-state.svelte.ts';
import type { WorkstationProject } from './engine-port.ts';

/** Which of the project's tracks (MIDI tracks, then clips) are heard, given mutes and solos. */
export function audibility(strips: readonly StripSettings[]): boolean[] {
  const anySolo = strips.some((s) => s.soloed);
  return strips.map((s) => !s.muted && (!anySolo || s.soloed));
}

/** The fader's bottom position is silence. */
export function faderDb(volumeDb: number): number {
  return volumeDb <= MIN_VOLUME_DB ? Number.NEGATIVE_INFINITY : volumeDb;
}

/**
 * The engine's project for the workstation's: default instruments from each track's GM program,
 * and strips that carry audibility as mute (solo is resolved here, across MIDI tracks and clips,
 * so the engine never sees a solo).
 */
export function toEngineProject(project: WorkstationProject): { project: Project; clips: ClipMixInput[] } {
  const heard = audibility([...project.midiStrips, ...project.clips.map((c) => c.strip)]);
  const base = createProject(project.song);
  const tracks = base.tracks.map((setup, i) => ({
    ...setup,
    strip: { volumeDb: faderDb(project.midiStrips[i].volumeDb), pan: project.midiStrips[i].pan, mute: !heard[i], solo: false },
  }));
  const clips = project.clips.map((clip, i) => ({
    audio: clip.audio,
    volumeDb: faderDb(clip.strip.volumeDb),
    pan: clip.strip.pan,
    audible: heard[project.midiStrips.length + i],
  }));
  return { project: { ...base, tracks }, clips };
}

/** "Sampler · keys", "Poly Synth": what plays a track, for the track list. */
export function instrumentLabel(project: Project, index: number): string {
  const instrument = project.tracks[index].instrument;
  const name = instrumentDescriptor(instrument.plugin).name;
  const sound = instrument.params.sound;
  return typeof sound === 'string' ? `${name} · ${sound}` : name;
}
