import { audioDuration, type AudioData } from '../../core/audio/audio-data.ts';
import type { Track } from '../../core/music/types.ts';
import type { AudioClip, MidiClip } from '../../engine/index.ts';
import { EMPTY_RACK, wholeClip, type TrackRack } from '../../engine/index.ts';
import { peaksOf, type WaveformPeaks } from '../lib/waveform-peaks.ts';
import { trackColor } from '../lib/track-colors.ts';

/** A mixer strip's settings: what the engine needs to know about a track's level and position. */
export interface StripSettings {
  volumeDb: number;
  pan: number;
  muted: boolean;
  soloed: boolean;
}

export const DEFAULT_STRIP: Readonly<StripSettings> = { volumeDb: 0, pan: 0, muted: false, soloed: false };

export const MIN_VOLUME_DB = -48;
export const MAX_VOLUME_DB = 6;

/** The id audio rows give their one source in the engine's clips (each row holds one piece of audio). */
export const ROW_SOURCE = 'row';

/** What an edit may change on a row; the rest (id, instrument, mixer) stays. */
export interface RowChange {
  name?: string;
  color?: string;
  midi?: Track;
  clips?: readonly MidiClip[];
  audioClips?: readonly AudioClip[];
  rack?: TrackRack;
}

interface RowData {
  id: number;
  name: string;
  color: string;
  midi: Track | null;
  audio: { data: AudioData; peaks: WaveformPeaks } | null;
  clips: readonly MidiClip[];
  audioClips: readonly AudioClip[];
  /** the track's plugins (instrument, MIDI effects, audio effects), edited in the rack */
  rack?: TrackRack;
}

/**
 * One track of the project: a MIDI track of the song (its notes grouped into clips), or an audio
 * track (one piece of audio placed as clips). Rows are immutable values except for the mixer, so
 * that Undo can keep them: an edit makes a new row with the same id (`with`).
 */
export class TrackState {
  readonly id: number;
  readonly name: string;
  readonly color: string;
  /** the MIDI track (for note tracks); the song's track at this row's place among MIDI rows */
  readonly midi: Track | null;
  /** the audio and its waveform peaks (for audio tracks) */
  readonly audio: { data: AudioData; peaks: WaveformPeaks } | null;
  /** MIDI rows: the clips the arrangement shows (every note starts inside one) */
  readonly clips: readonly MidiClip[];
  /** audio rows: where the audio plays (source ROW_SOURCE) */
  readonly audioClips: readonly AudioClip[];
  /** the plugin rack: an instrument chosen there (null: the default), MIDI effects, audio effects */
  readonly rack: TrackRack;
  /** what plays the track, as shown to the user */
  instrument = $state('');
  volumeDb = $state(0);
  pan = $state(0);
  muted = $state(false);
  soloed = $state(false);

  private constructor(data: RowData, instrument: string) {
    this.id = data.id;
    this.name = data.name;
    this.color = data.color;
    this.midi = data.midi;
    this.audio = data.audio;
    this.clips = data.clips;
    this.audioClips = data.audioClips;
    this.rack = data.rack ?? EMPTY_RACK;
    this.instrument = instrument;
  }

  static forMidi(id: number, index: number, track: Track, instrument: string, clips: readonly MidiClip[] = [], color = trackColor(index)): TrackState {
    const name = track.name.trim() || `Track ${index + 1}`;
    return new TrackState({ id, name, color, midi: track, audio: null, clips, audioClips: [] }, instrument);
  }

  /** `peaks`: already measured (an import or an opened project measures them off the UI thread). */
  static forAudio(id: number, index: number, name: string, audio: AudioData, color = trackColor(index), peaks = peaksOf(audio)): TrackState {
    const data = { data: audio, peaks };
    return new TrackState({ id, name, color, midi: null, audio: data, clips: [], audioClips: [wholeClip(ROW_SOURCE, audioDuration(audio))] }, 'Audio clip');
  }

  /** The same row (id, instrument, mixer settings) with some of its data changed. */
  with(change: RowChange): TrackState {
    const next = new TrackState(
      {
        id: this.id,
        name: change.name ?? this.name,
        color: change.color ?? this.color,
        midi: this.midi === null ? null : (change.midi ?? this.midi),
        audio: this.audio,
        clips: change.clips ?? this.clips,
        audioClips: change.audioClips ?? this.audioClips,
        rack: change.rack ?? this.rack,
      },
      this.instrument,
    );
    next.setStrip(this.strip);
    return next;
  }

  /** The same row showing a new version of its MIDI track. */
  withMidi(track: Track, clips: readonly MidiClip[] = this.clips): TrackState {
    return this.with({ midi: track, clips });
  }

  setStrip(strip: StripSettings): void {
    this.volumeDb = strip.volumeDb;
    this.pan = strip.pan;
    this.muted = strip.muted;
    this.soloed = strip.soloed;
  }

  get kind(): 'midi' | 'audio' {
    return this.midi !== null ? 'midi' : 'audio';
  }

  get strip(): StripSettings {
    return { volumeDb: this.volumeDb, pan: this.pan, muted: this.muted, soloed: this.soloed };
  }

  /** seconds of audio the row's source holds (0 for MIDI rows) */
  get sourceSeconds(): number {
    return this.audio === null ? 0 : audioDuration(this.audio.data);
  }
}
