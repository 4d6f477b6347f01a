/**
 * Where an audio seed's transcription goes in the project: a new MIDI track after the others, on
 * the project's own tempo map (an empty project takes the WAV's recorded tempo, if it has one),
 * lightly quantized, on a free channel, named after the file.
 */
import type { ModelRef } from '../../core/provenance.ts';
import type { Song, Track } from '../../core/music/types.ts';
import { freeChannel, MAX_TRACK_NAME } from '../../engine/index.ts';
import type { TranscribedNote } from '../../ml/transcribe/notes.ts';
import { transcriptionTrack } from '../../ml/transcribe/to-song.ts';
import { baseName } from './download.ts';

export interface PlacedTranscription {
  /** the project's song with the new track last */
  song: Song;
  track: Track;
  /** the new track's index among the song's tracks (the generator's `track` param) */
  index: number;
}

export function transcriptionName(fileName: string): string {
  const suffix = ' transcription';
  return `${baseName(fileName).slice(0, MAX_TRACK_NAME - suffix.length)}${suffix}`;
}

/** `bpm`: the tempo the WAV records, used only when the song has no tracks yet. */
export function placeTranscription(song: Song, notes: readonly TranscribedNote[], fileName: string, bpm?: number): PlacedTranscription {
  const grid = song.tracks.length === 0 && bpm !== undefined ? { ...song, tempos: [{ tick: 0, bpm }] } : song;
  const track = transcriptionTrack(notes, grid, { name: transcriptionName(fileName), channel: freeChannel(grid) });
  return { song: { ...grid, tracks: [...grid.tracks, track] }, track, index: grid.tracks.length };
}

/**
 * The model that transcribed the seed track (`track`: its index, −1 when the generator picks),
 * when that track is one of `transcribed` (by name); undefined for a seed that was never audio.
 */
export function seedTranscriber(seed: Song, track: number, transcribed: ReadonlyMap<string, ModelRef>): ModelRef | undefined {
  const tracks = track >= 0 ? seed.tracks.slice(track, track + 1) : seed.tracks;
  return tracks.map((t) => transcribed.get(t.name)).find((model) => model !== undefined);
}
