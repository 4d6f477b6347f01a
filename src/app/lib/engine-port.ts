import type { AudioData } from '../../core/audio/audio-data.ts';
import type { WavBitDepth } from '../../core/audio/wav-write.ts';
import type { Provenance } from '../../core/provenance.ts';
import type { Song } from '../../core/music/types.ts';
import type { InstrumentVoice, PluginState } from '../../plugins/types.ts';
import type { AudioClip } from '../../engine/project.ts';
import type { TrackRack } from '../../engine/edit/rack-edits.ts';
import type { MidiClip } from '../../engine/edit/clip-edits.ts';
import type { StripSettings } from '../state/track-state.svelte.ts';
import type { BuiltVoice } from '../worker/protocol.ts';

/** Where a stretch of an audio track's audio plays (the engine's AudioClip without its source id). */
export type ClipPlacement = Omit<AudioClip, 'source'>;

/**
 * A Remix row's live mix: the row's audio is the full-strength remix; `dry` is the audio it was
 * made from (the same length), `amount` the remix's share (linear, see engine/track-blend.ts),
 * `bypass` the A/B switch (true: the original alone).
 */
export interface ClipBlend {
  dry: AudioData;
  amount: number;
  bypass: boolean;
}

/** What the workstation plays: the song's MIDI tracks and the imported audio clips, each with a strip. */
export interface WorkstationProject {
  song: Song;
  /** one per song track, same order */
  midiStrips: StripSettings[];
  /** audio tracks; `placements` says where the audio plays (absent: once, whole, from the start) */
  clips: { name: string; audio: AudioData; strip: StripSettings; placements?: ClipPlacement[]; blend?: ClipBlend; chain?: PluginState[] }[];
  /** per song track, how its notes are grouped into clips in the arrangement (absent: from the notes) */
  midiClips?: MidiClip[][];
  /** per song track, the instrument the user put on it (Latent Synth); absent: the GM program's default */
  instruments?: (PluginState | null)[];
  /** per song track, its rack's plugins (an instrument chosen there, MIDI effects, audio effects) */
  racks?: TrackRack[];
  /** voices built in the ML worker for those instruments (they need models the engine lacks) */
  voices?: BuiltVoice[];
}

export interface WavExportOptions {
  sampleRate: number;
  bitDepth: WavBitDepth;
  provenance: Provenance;
}

/**
 * The UI's view of the audio engine: what the workstation needs, nothing more. Implemented by
 * `engine-session.ts` over `src/engine`.
 */
export interface EnginePort {
  /** Unlocks audio; call from a user gesture. */
  unlock(): Promise<void>;
  /** Replaces what plays; stops playback. Returns each MIDI track's instrument label. */
  load(project: WorkstationProject): Promise<string[]>;
  /** The live AudioContext's rate, so imported audio can be resampled for it off the UI thread. */
  liveSampleRate?(): Promise<number | null>;
  play(fromSeconds: number): void;
  stop(): void;
  readonly playing: boolean;
  /** Current transport position in seconds. */
  positionSeconds(): number;
  setLoop(enabled: boolean, startSeconds: number, endSeconds: number): void;
  /** Applies a mixer change to one track (index into midiStrips, then clips). */
  setStrip(trackIndex: number, strip: StripSettings): void;
  /** Moves a Remix row's mix while it plays (index into midiStrips, then clips); no reload, no model run. */
  setBlend(trackIndex: number, blend: Omit<ClipBlend, 'dry'>): Promise<void>;
  /** Renders the project offline to a finished WAV file (stereo, limited to −1 dBFS). */
  renderWav(project: WorkstationProject, options: WavExportOptions, onProgress: (fraction: number) => void): Promise<Uint8Array>;
  /** The voice the audition button and the computer keyboard play (null: none). */
  setKeysVoice(voice: InstrumentVoice | null): void;
  /** Plays one note now on MIDI track `trackIndex`'s own instrument (the piano roll's audition). */
  auditionTrack(trackIndex: number, pitch: number, velocity: number, seconds: number): void;
  /** Starts a note now on MIDI track `trackIndex`'s instrument, held until `noteOff` (a key played live; velocity 0..1). */
  noteOn(trackIndex: number, pitch: number, velocity: number): void;
  /** Lets go of a note `noteOn` started (a no-op once stop or a new load silenced it). */
  noteOff(trackIndex: number, pitch: number): void;
  /** Plays one note of that voice now: MIDI pitch, velocity 0..1, seconds held. */
  strike(pitch: number, velocity: number, seconds: number): void;
  /** Metronome on the transport (clicks on beats, accents on bar lines); never in exports. */
  setMetronome?(on: boolean): void;
  /** Plays a one-bar count-in now; resolves when it is over. */
  countIn?(): Promise<void>;
  /** Levels in dB now: each track (MIDI tracks, then audio tracks), then the master; null before a project plays. */
  levels?(): number[] | null;
  dispose(): void;
}
