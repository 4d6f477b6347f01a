/**
 * Transcribed notes (in seconds) → a track or song of Alea's music model, lightly quantized so the
 * notes sit near the grid Continue reads bars and beats from, while a hum's own timing still
 * shows. Plain TypeScript (no tfjs): the workstation's page uses it with the project's tempo.
 */
import type { Provenance } from '../../core/provenance.ts';
import { quantizeNotes, type QuantizeOptions } from '../../core/music/quantize.ts';
import { createEmptySong, createTrack, DEFAULT_PPQ } from '../../core/music/song.ts';
import { TempoMap } from '../../core/music/tempo-map.ts';
import type { Note, Song, Track } from '../../core/music/types.ts';
import type { TranscribedNote } from './notes.ts';

export const TRANSCRIPTION_TRACK = 'Transcription';
/** sixteenths, half way: a note 40 ms early at 120 bpm moves to 20 ms early */
export const LIGHT_QUANTIZE: QuantizeOptions = { stepsPerQuarter: 4, strength: 0.5 };
export const DEFAULT_SEED_BPM = 120;
const MIN_BPM = 20;
const MAX_BPM = 400;

/** The tempo a WAV's provenance records (`bpm` or `tempo`, as Alea's renders write it), if any. */
export function tempoFromProvenance(provenance: Provenance | undefined): number | undefined {
  const params = provenance?.params ?? {};
  for (const key of ['bpm', 'tempo']) {
    const value = Number(params[key]);
    if (key in params && Number.isFinite(value) && value >= MIN_BPM && value <= MAX_BPM) return value;
  }
  return undefined;
}

/** MIDI velocity for the model's amplitude (0..1). */
export function velocityOf(amplitude: number): number {
  return Math.min(127, Math.max(1, Math.round(amplitude * 127)));
}

export interface TrackOptions {
  name?: string;
  channel?: number;
  /** null leaves the notes where they were heard */
  quantize?: QuantizeOptions | null;
}

/** The notes on the time grid of `grid` (its ppq and tempo map). */
export function transcriptionTrack(notes: readonly TranscribedNote[], grid: Pick<Song, 'ppq' | 'tempos' | 'timeSignatures'>, options: TrackOptions = {}): Track {
  const map = TempoMap.fromSong(grid);
  const placed: Note[] = notes.map((n) => {
    const startTick = Math.max(0, Math.round(map.secondsToTick(n.startSeconds)));
    const endTick = Math.max(startTick + 1, Math.round(map.secondsToTick(n.endSeconds)));
    return { pitch: Math.min(127, Math.max(0, Math.round(n.pitch))), velocity: velocityOf(n.amplitude), startTick, endTick };
  });
  const quantize = options.quantize === undefined ? LIGHT_QUANTIZE : options.quantize;
  return createTrack(options.name ?? TRANSCRIPTION_TRACK, {
    channel: options.channel ?? 0,
    notes: quantize === null ? placed : quantizeNotes(placed, grid.ppq, quantize),
  });
}

/** A song of its own holding the transcription: one track, `bpm`, 4/4. */
export function transcriptionSong(notes: readonly TranscribedNote[], name: string, bpm = DEFAULT_SEED_BPM, options: TrackOptions = {}): Song {
  const song = createEmptySong(name, DEFAULT_PPQ, bpm);
  return { ...song, tracks: [transcriptionTrack(notes, song, options)] };
}
