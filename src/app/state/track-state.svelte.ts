import type { AudioData } from '../../core/audio/audio-data.ts';
import type { Track } from '../../core/music/types.ts';
import { computePeaks, type WaveformPeaks } from '../lib/waveform-peaks.ts';
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

interface TrackStateBase {
  id: number;
  name: string;
  color: string;
}

/** One row of the track list: a MIDI track of the song, or an imported audio clip. */
export class TrackState {
  readonly id: number;
  readonly name: string;
  readonly color: string;
  /** the MIDI track (for note tracks) */
  readonly midi: Track | null;
  /** the clip's audio and its waveform peaks (for audio tracks) */
  readonly audio: { data: AudioData; peaks: WaveformPeaks } | null;
  /** what plays the track, as shown to the user */
  instrument = $state('');
  volumeDb = $state(0);
  pan = $state(0);
  muted = $state(false);
  soloed = $state(false);

  private constructor(base: TrackStateBase, midi: Track | null, audio: AudioData | null, instrument: string) {
    this.id = base.id;
    this.name = base.name;
    this.color = base.color;
    this.midi = midi;
    this.audio = audio === null ? null : { data: audio, peaks: computePeaks(audio) };
    this.instrument = instrument;
  }

  static forMidi(id: number, index: number, track: Track, instrument: string): TrackState {
    const name = track.name.trim() || `Track ${index + 1}`;
    return new TrackState({ id, name, color: trackColor(index) }, track, null, instrument);
  }

  static forAudio(id: number, index: number, name: string, audio: AudioData): TrackState {
    return new TrackState({ id, name, color: trackColor(index) }, null, audio, 'Audio clip');
  }

  /** The same row (id, colour, instrument, mixer settings) showing a new version of its MIDI track. */
  withMidi(track: Track): TrackState {
    const next = new TrackState({ id: this.id, name: this.name, color: this.color }, track, null, this.instrument);
    next.setStrip(this.strip);
    return next;
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
}
