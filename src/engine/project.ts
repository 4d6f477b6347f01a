/**
 * The project the app and the CLI share: a song's MIDI tracks, each with an instrument, optional
 * MIDI effects, an audio chain and a mixer strip; audio tracks of clips, each with an audio chain
 * and a strip; a master fader. Pure data (JSON-safe: audio is referenced by id and held in an
 * AudioPool beside the project) and pure functions (no Tone, no DOM); every change returns a new
 * project. Tracks are numbered MIDI tracks first, then audio tracks.
 */
import { badInput } from '../core/errors.ts';
import type { Song } from '../core/music/types.ts';
import type { PluginState } from '../plugins/types.ts';
import { defaultInstrumentFor } from './instrument-choice.ts';
import { audibleStrips } from './mixer-rules.ts';
import { pluginState } from './plugin-lookup.ts';
import type { TrackBlend } from './track-blend.ts';

/** A plugin instance that plays a MIDI track (its saved state). */
export type InstrumentChoice = PluginState;

export interface MixerStrip {
  /** fader, dB (−Infinity allowed) */
  volumeDb: number;
  /** −1 hard left … 1 hard right */
  pan: number;
  mute: boolean;
  solo: boolean;
}

export interface MidiTrackSetup {
  instrument: PluginState;
  /** applied in order to the track's notes before the instrument plays them */
  midiEffects: PluginState[];
  /** audio effects after the instrument, in order */
  chain: PluginState[];
  strip: MixerStrip;
}

/** The setup of one of the song's tracks. */
export type TrackSetup = MidiTrackSetup;

/** A stretch of a pooled audio source placed on the timeline. */
export interface AudioClip {
  /** id of the audio in the project's AudioPool */
  source: string;
  /** where the clip starts on the timeline, seconds */
  startSeconds: number;
  /** where in the source the clip starts, seconds */
  offsetSeconds: number;
  /** how much of the source plays, seconds (clipped to what the source holds) */
  lengthSeconds: number;
  /** clip gain, dB */
  gainDb: number;
}

export interface AudioTrackSetup {
  name: string;
  clips: AudioClip[];
  /** a processed version of the clips' audio mixed in live (a Remix's dry/wet), before the chain */
  blend?: TrackBlend;
  /** audio effects on the track's clips, in order */
  chain: PluginState[];
  strip: MixerStrip;
}

export interface Project {
  song: Song;
  /** one per song track, same order */
  tracks: MidiTrackSetup[];
  audioTracks: AudioTrackSetup[];
  /** master fader, dB */
  masterVolumeDb: number;
}

export const DEFAULT_STRIP: MixerStrip = { volumeDb: 0, pan: 0, mute: false, solo: false };

/** A project for a song with an instrument chosen from each track's GM program, no audio tracks. */
export function createProject(song: Song): Project {
  return {
    song,
    tracks: song.tracks.map((track) => midiTrackSetup(defaultInstrumentFor(track))),
    audioTracks: [],
    masterVolumeDb: 0,
  };
}

export function midiTrackSetup(instrument: PluginState, strip: Partial<MixerStrip> = {}): MidiTrackSetup {
  return { instrument, midiEffects: [], chain: [], strip: { ...DEFAULT_STRIP, ...strip } };
}

/** A clip that plays the whole of a source of `seconds` from `startSeconds`. */
export function wholeClip(source: string, seconds: number, startSeconds = 0): AudioClip {
  return { source, startSeconds, offsetSeconds: 0, lengthSeconds: seconds, gainDb: 0 };
}

/** Every strip in track order: MIDI tracks, then audio tracks. */
export function projectStrips(project: Project): MixerStrip[] {
  return [...project.tracks.map((t) => t.strip), ...project.audioTracks.map((t) => t.strip)];
}

export function trackCount(project: Project): number {
  return project.tracks.length + project.audioTracks.length;
}

function checkIndex(project: Project, index: number): void {
  const count = trackCount(project);
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw badInput(`track ${index} does not exist (the project has ${count} tracks)`);
  }
}

export function validateStrip(strip: MixerStrip, index: number): void {
  const { volumeDb, pan } = strip;
  if (Number.isNaN(volumeDb) || volumeDb > 24) {
    throw badInput(`track ${index} volume must be at most 24 dB, got ${volumeDb}`);
  }
  if (!(pan >= -1 && pan <= 1)) throw badInput(`track ${index} pan must be between -1 and 1, got ${pan}`);
}

/** Changes some of one track's strip settings (index over MIDI tracks, then audio tracks). */
export function withStrip(project: Project, index: number, change: Partial<MixerStrip>): Project {
  checkIndex(project, index);
  const midiCount = project.tracks.length;
  if (index < midiCount) {
    const strip = { ...project.tracks[index].strip, ...change };
    validateStrip(strip, index);
    return { ...project, tracks: project.tracks.map((setup, i) => (i === index ? { ...setup, strip } : setup)) };
  }
  const strip = { ...project.audioTracks[index - midiCount].strip, ...change };
  validateStrip(strip, index);
  return { ...project, audioTracks: project.audioTracks.map((setup, i) => (i === index - midiCount ? { ...setup, strip } : setup)) };
}

/** Puts another instrument (validated, defaults filled in) on one MIDI track. */
export function withInstrument(project: Project, index: number, plugin: string, params: Record<string, unknown> = {}): Project {
  if (!Number.isInteger(index) || index < 0 || index >= project.tracks.length) {
    throw badInput(`track ${index} is not a MIDI track (the project has ${project.tracks.length})`);
  }
  const instrument = pluginState(plugin, 'instrument', params);
  return { ...project, tracks: project.tracks.map((setup, i) => (i === index ? { ...setup, instrument } : setup)) };
}

/** Adds an audio track; returns the new project (the track is the last one). */
export function withAudioTrack(project: Project, track: Omit<AudioTrackSetup, 'chain' | 'strip'> & Partial<AudioTrackSetup>): Project {
  const setup: AudioTrackSetup = { chain: [], ...track, strip: { ...DEFAULT_STRIP, ...track.strip } };
  validateStrip(setup.strip, trackCount(project));
  return { ...project, audioTracks: [...project.audioTracks, setup] };
}

/** Which tracks sound (MIDI tracks, then audio tracks): the mixer's one mute/solo rule. */
export function audibleTracks(project: Project): boolean[] {
  return audibleStrips(projectStrips(project));
}
