/**
 * Building and measuring songs. Every function returns new objects: a Song handed in is never
 * mutated, so a caller can keep the original for undo or comparison.
 */
import { TempoMap } from './tempo-map.ts';
import type { Note, Song, Track } from './types.ts';

export const DEFAULT_PPQ = 480;
export const DRUM_CHANNEL = 9;

export function createEmptySong(
  name: string,
  ppq: number = DEFAULT_PPQ,
  bpm = 120,
  timeSignature: readonly [number, number] = [4, 4],
): Song {
  return {
    name,
    ppq,
    tracks: [],
    tempos: [{ tick: 0, bpm }],
    timeSignatures: [{ tick: 0, numerator: timeSignature[0], denominator: timeSignature[1] }],
    keySignatures: [],
    texts: [],
  };
}

export interface TrackOptions {
  channel?: number;
  program?: number;
  isDrum?: boolean;
  notes?: readonly Note[];
}

/** A track; drums default to the GM drum channel, notes are copied and sorted. */
export function createTrack(name: string, options: TrackOptions = {}): Track {
  const isDrum = options.isDrum ?? options.channel === DRUM_CHANNEL;
  return {
    name,
    channel: options.channel ?? (isDrum ? DRUM_CHANNEL : 0),
    program: options.program ?? 0,
    isDrum,
    notes: sortNotes(options.notes ?? []),
  };
}

export function cloneNote(note: Note): Note {
  return { pitch: note.pitch, velocity: note.velocity, startTick: note.startTick, endTick: note.endTick };
}

export function cloneTrack(track: Track): Track {
  return { ...track, notes: track.notes.map(cloneNote) };
}

export function cloneSong(song: Song): Song {
  return {
    name: song.name,
    ppq: song.ppq,
    tracks: song.tracks.map(cloneTrack),
    tempos: song.tempos.map((t) => ({ ...t })),
    timeSignatures: song.timeSignatures.map((t) => ({ ...t })),
    keySignatures: song.keySignatures.map((k) => ({ ...k })),
    texts: [...song.texts],
  };
}

/** The order Track.notes promises: by start, then pitch, then end, then velocity (total, so stable). */
export function compareNotes(a: Note, b: Note): number {
  return a.startTick - b.startTick || a.pitch - b.pitch || a.endTick - b.endTick || a.velocity - b.velocity;
}

export function sortNotes(notes: readonly Note[]): Note[] {
  return notes.map(cloneNote).sort(compareNotes);
}

export function sortTrackNotes(track: Track): Track {
  return { ...track, notes: sortNotes(track.notes) };
}

/** Last note end over a list of notes (0 when empty). */
export function notesEndTick(notes: readonly Note[]): number {
  let end = 0;
  for (const note of notes) if (note.endTick > end) end = note.endTick;
  return end;
}

/** Tick where the last note of any track ends (0 for a song without notes). */
export function songEndTick(song: Song): number {
  let end = 0;
  for (const track of song.tracks) end = Math.max(end, notesEndTick(track.notes));
  return end;
}

export function songDurationSeconds(song: Song, map: TempoMap = TempoMap.fromSong(song)): number {
  return map.tickToSeconds(songEndTick(song));
}

/** Bars the song's notes span (a partly filled last bar counts). */
export function songBarCount(song: Song, map: TempoMap = TempoMap.fromSong(song)): number {
  return map.barCount(songEndTick(song));
}

export function noteStartSeconds(map: TempoMap, note: Note): number {
  return map.tickToSeconds(note.startTick);
}

export function noteEndSeconds(map: TempoMap, note: Note): number {
  return map.tickToSeconds(note.endTick);
}

export function noteCount(song: Song): number {
  return song.tracks.reduce((sum, track) => sum + track.notes.length, 0);
}

export interface PitchRange {
  lowest: number;
  highest: number;
}

/** Lowest and highest pitch among the notes, or undefined when there are none. */
export function pitchRangeOfNotes(notes: readonly Note[]): PitchRange | undefined {
  if (notes.length === 0) return undefined;
  let lowest = 127;
  let highest = 0;
  for (const note of notes) {
    lowest = Math.min(lowest, note.pitch);
    highest = Math.max(highest, note.pitch);
  }
  return { lowest, highest };
}

/** Pitch range of the pitched (non-drum) tracks. */
export function pitchRange(song: Song): PitchRange | undefined {
  return pitchRangeOfNotes(song.tracks.filter((t) => !t.isDrum).flatMap((t) => t.notes));
}

/** Index of a track by exact name, case-insensitive name, or 0-based index given as text. */
export function findTrack(song: Song, nameOrIndex: string): number | undefined {
  const exact = song.tracks.findIndex((t) => t.name === nameOrIndex);
  if (exact >= 0) return exact;
  const lower = nameOrIndex.toLowerCase();
  const loose = song.tracks.findIndex((t) => t.name.toLowerCase() === lower);
  if (loose >= 0) return loose;
  if (/^\d+$/.test(nameOrIndex)) {
    const index = Number(nameOrIndex);
    if (index < song.tracks.length) return index;
  }
  return undefined;
}
