/**
 * Track edits on a song: add, delete, rename, reorder. Pure (a new song out); the app's track
 * rows and the engine's track setups follow the song's track order.
 */
import { badInput } from '../../core/errors.ts';
import type { Song, Track } from '../../core/music/types.ts';

/** The longest track name, in characters. */
export const MAX_TRACK_NAME = 64;

/** `items` with the item at `from` moved to `to` (both clamped into range). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  if (from < 0 || from >= items.length) return next;
  const [item] = next.splice(from, 1);
  next.splice(Math.min(Math.max(0, to), next.length), 0, item);
  return next;
}

function checkTrack(song: Song, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= song.tracks.length) {
    throw badInput(`track ${index} does not exist (the song has ${song.tracks.length} tracks)`);
  }
}

/** A track name as typed, trimmed. @throws AleaError 'bad-input' when empty or too long */
export function checkTrackName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw badInput('a track name cannot be empty');
  if (trimmed.length > MAX_TRACK_NAME) throw badInput(`a track name can have at most ${MAX_TRACK_NAME} characters, got ${trimmed.length}`);
  return trimmed;
}

/** "Track N" with the lowest N no track of `names` uses. */
export function freshTrackName(names: readonly string[], stem = 'Track'): string {
  const taken = new Set(names.map((n) => n.trim().toLowerCase()));
  for (let n = 1; ; n++) if (!taken.has(`${stem} ${n}`.toLowerCase())) return `${stem} ${n}`;
}

/** A MIDI channel no melodic track of `song` uses (never the drum channel 9), or 0 when all are taken. */
export function freeChannel(song: Song): number {
  const used = new Set(song.tracks.map((t) => t.channel));
  for (let c = 0; c < 16; c++) if (c !== 9 && !used.has(c)) return c;
  return 0;
}

/** An empty MIDI track for `song` (piano, a free channel). */
export function emptyTrack(song: Song, name?: string): Track {
  return { name: checkTrackName(name ?? freshTrackName(song.tracks.map((t) => t.name))), channel: freeChannel(song), program: 0, isDrum: false, notes: [] };
}

/** Inserts `track` at `at` (default: last). */
export function addSongTrack(song: Song, track: Track, at = song.tracks.length): Song {
  const tracks = [...song.tracks];
  tracks.splice(Math.min(Math.max(0, at), tracks.length), 0, track);
  return { ...song, tracks };
}

export function removeSongTrack(song: Song, index: number): Song {
  checkTrack(song, index);
  return { ...song, tracks: song.tracks.filter((_, i) => i !== index) };
}

export function renameSongTrack(song: Song, index: number, name: string): Song {
  checkTrack(song, index);
  const trimmed = checkTrackName(name);
  return { ...song, tracks: song.tracks.map((t, i) => (i === index ? { ...t, name: trimmed } : t)) };
}

export function moveSongTrack(song: Song, from: number, to: number): Song {
  checkTrack(song, from);
  return { ...song, tracks: moveItem(song.tracks, from, to) };
}

/** Replaces one track's notes (sorted already). */
export function withTrackNotes(song: Song, index: number, notes: Track['notes']): Song {
  checkTrack(song, index);
  return { ...song, tracks: song.tracks.map((t, i) => (i === index ? { ...t, notes: [...notes] } : t)) };
}
