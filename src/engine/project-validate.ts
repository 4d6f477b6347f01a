/** Checks a project before the engine plays or renders it: one clear line per problem. */
import type { AudioData } from '../core/audio/audio-data.ts';
import { badInput } from '../core/errors.ts';
import { validatePluginState } from './plugin-lookup.ts';
import { validateBlend } from './track-blend.ts';
import { validateStrip, type AudioClip, type AudioTrackSetup, type MidiTrackSetup, type Project } from './project.ts';

/** The audio a project's clips play, by source id (kept apart from the JSON-safe project). */
export type AudioPool = ReadonlyMap<string, AudioData>;

export const EMPTY_POOL: AudioPool = new Map();

function validateClip(clip: AudioClip, where: string, pool: AudioPool | undefined): void {
  const fields: [keyof AudioClip, number][] = [
    ['startSeconds', clip.startSeconds],
    ['offsetSeconds', clip.offsetSeconds],
    ['lengthSeconds', clip.lengthSeconds],
  ];
  for (const [name, value] of fields) {
    if (!(Number.isFinite(value) && value >= 0)) throw badInput(`${where}: ${name} must be a number ≥ 0, got ${value}`);
  }
  if (Number.isNaN(clip.gainDb) || clip.gainDb > 24) throw badInput(`${where}: gainDb must be at most 24 dB, got ${clip.gainDb}`);
  if (pool !== undefined && !pool.has(clip.source)) throw badInput(`${where}: audio '${clip.source}' is not in the project's audio pool`);
}

function validateMidiTrack(setup: MidiTrackSetup, index: number, name: string): MidiTrackSetup {
  const where = `track ${index} (${name})`;
  validateStrip(setup.strip, index);
  return {
    ...setup,
    instrument: validatePluginState(setup.instrument, 'instrument', where),
    midiEffects: setup.midiEffects.map((s) => validatePluginState(s, 'midi-effect', where)),
    chain: setup.chain.map((s) => validatePluginState(s, 'audio-effect', where)),
  };
}

function validateAudioTrack(setup: AudioTrackSetup, index: number, pool: AudioPool | undefined): AudioTrackSetup {
  const where = `track ${index} (${setup.name})`;
  validateStrip(setup.strip, index);
  setup.clips.forEach((clip, c) => validateClip(clip, `${where} clip ${c}`, pool));
  if (setup.blend !== undefined) validateBlend(setup.blend, where, pool);
  return { ...setup, chain: setup.chain.map((s) => validatePluginState(s, 'audio-effect', where)) };
}

/**
 * Checks what playback and render rely on: one setup per song track, known plugins of the right
 * kind with valid params, sane strips, clips whose audio is in `pool` (when given). Returns the
 * project with plugin params completed by their defaults.
 * @throws AleaError 'bad-input' naming the track and the problem
 */
export function validateProject(project: Project, pool?: AudioPool): Project {
  if (project.tracks.length !== project.song.tracks.length) {
    throw badInput(`project has ${project.tracks.length} track setups for ${project.song.tracks.length} song tracks`);
  }
  if (Number.isNaN(project.masterVolumeDb) || project.masterVolumeDb > 24) {
    throw badInput(`master volume must be at most 24 dB, got ${project.masterVolumeDb}`);
  }
  const tracks = project.tracks.map((setup, i) => validateMidiTrack(setup, i, project.song.tracks[i].name));
  const audioTracks = project.audioTracks.map((setup, i) => validateAudioTrack(setup, tracks.length + i, pool));
  return { ...project, tracks, audioTracks };
}
