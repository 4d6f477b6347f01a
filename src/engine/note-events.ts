/**
 * A track's notes in seconds: what both the Tone.js track player and the offline renderer
 * schedule, so they place every note at the same time.
 */
import { TempoMap } from '../core/music/tempo-map.ts';
import type { Song, Track } from '../core/music/types.ts';

export interface NoteEvent {
  /** seconds from the song start */
  time: number;
  /** seconds the key is held */
  duration: number;
  /** MIDI pitch */
  pitch: number;
  /** 0..1 (MIDI velocity / 127) */
  velocity: number;
}

export function trackEvents(track: Track, tempoMap: TempoMap): NoteEvent[] {
  return track.notes.map((note) => {
    const time = tempoMap.tickToSeconds(note.startTick);
    return {
      time,
      duration: Math.max(0, tempoMap.tickToSeconds(note.endTick) - time),
      pitch: note.pitch,
      velocity: Math.min(1, Math.max(0, note.velocity / 127)),
    };
  });
}

export function songEvents(song: Song): NoteEvent[][] {
  const tempoMap = TempoMap.fromSong(song);
  return song.tracks.map((track) => trackEvents(track, tempoMap));
}

/** Seconds until the last note is released (0 for an empty song). */
export function songEndSeconds(song: Song): number {
  const tempoMap = TempoMap.fromSong(song);
  let endTick = 0;
  for (const track of song.tracks) for (const note of track.notes) endTick = Math.max(endTick, note.endTick);
  return tempoMap.tickToSeconds(endTick);
}
