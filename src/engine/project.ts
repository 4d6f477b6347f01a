/**
 * The project the app and the CLI share: a song plus, per track, the instrument that plays it
 * and its mixer strip. Pure data and pure functions (no Tone, no DOM); every change returns a
 * new project.
 */
import { badInput, isAleaError } from '../core/errors.ts';
import type { Song } from '../core/music/types.ts';
import { validateParams } from '../plugins/params.ts';
import type { ParamValues } from '../plugins/types.ts';
import { defaultInstrumentFor, instrumentDescriptor } from './instrument-choice.ts';

/** Which instrument plugin plays a track, with its params. */
export interface InstrumentChoice {
  /** an instrument plugin id the engine realises: 'poly-synth' or 'sampler' */
  plugin: string;
  params: ParamValues;
}

export interface MixerStrip {
  /** fader, dB (−Infinity allowed) */
  volumeDb: number;
  /** −1 hard left … 1 hard right */
  pan: number;
  mute: boolean;
  solo: boolean;
}

export interface TrackSetup {
  instrument: InstrumentChoice;
  strip: MixerStrip;
}

export interface Project {
  song: Song;
  /** one per song track, same order */
  tracks: TrackSetup[];
  /** master fader, dB */
  masterVolumeDb: number;
}

export const DEFAULT_STRIP: MixerStrip = { volumeDb: 0, pan: 0, mute: false, solo: false };

/** A project for a song with an instrument chosen from each track's GM program. */
export function createProject(song: Song): Project {
  return {
    song,
    tracks: song.tracks.map((track) => ({ instrument: defaultInstrumentFor(track), strip: { ...DEFAULT_STRIP } })),
    masterVolumeDb: 0,
  };
}

function checkIndex(project: Project, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= project.tracks.length) {
    throw badInput(`track ${index} does not exist (the project has ${project.tracks.length} tracks)`);
  }
}

/** Changes some of one track's strip settings. */
export function withStrip(project: Project, index: number, change: Partial<MixerStrip>): Project {
  checkIndex(project, index);
  const tracks = project.tracks.map((setup, i) => (i === index ? { ...setup, strip: { ...setup.strip, ...change } } : setup));
  const next = { ...project, tracks };
  validateStrip(next.tracks[index].strip, index);
  return next;
}

/** Puts another instrument (validated, defaults filled in) on one track. */
export function withInstrument(project: Project, index: number, plugin: string, params: Record<string, unknown> = {}): Project {
  checkIndex(project, index);
  const instrument: InstrumentChoice = { plugin, params: validateParams(params, instrumentDescriptor(plugin).params) };
  return { ...project, tracks: project.tracks.map((setup, i) => (i === index ? { ...setup, instrument } : setup)) };
}

/**
 * Which tracks sound: with any track soloed only soloed tracks do; a muted track never does
 * (mute wins over solo, as on a mixing desk where mute cuts the channel after the solo bus).
 */
export function audibleTracks(project: Project): boolean[] {
  const anySolo = project.tracks.some((t) => t.strip.solo);
  return project.tracks.map((t) => !t.strip.mute && (!anySolo || t.strip.solo));
}

function validateStrip(strip: MixerStrip, index: number): void {
  const { volumeDb, pan } = strip;
  if (Number.isNaN(volumeDb) || volumeDb > 24) {
    throw badInput(`track ${index} volume must be at most 24 dB, got ${volumeDb}`);
  }
  if (!(pan >= -1 && pan <= 1)) throw badInput(`track ${index} pan must be between -1 and 1, got ${pan}`);
}

/**
 * Checks what a render relies on: one setup per track, known instruments with valid params,
 * sane strips. Returns the project with instrument params completed by their defaults.
 * @throws AleaError 'bad-input' naming the track and the problem
 */
export function validateProject(project: Project): Project {
  if (project.tracks.length !== project.song.tracks.length) {
    throw badInput(`project has ${project.tracks.length} track setups for ${project.song.tracks.length} song tracks`);
  }
  if (Number.isNaN(project.masterVolumeDb) || project.masterVolumeDb > 24) {
    throw badInput(`master volume must be at most 24 dB, got ${project.masterVolumeDb}`);
  }
  const tracks = project.tracks.map((setup, index) => {
    validateStrip(setup.strip, index);
    try {
      const descriptor = instrumentDescriptor(setup.instrument.plugin);
      return { ...setup, instrument: { plugin: descriptor.id, params: validateParams(setup.instrument.params, descriptor.params) } };
    } catch (error) {
      if (isAleaError(error)) throw badInput(`track ${index} (${project.song.tracks[index].name}): ${error.message}`);
      throw error;
    }
  });
  return { ...project, tracks };
}
