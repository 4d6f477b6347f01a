import { TempoMap } from '../../core/music/tempo-map.ts';
import { songEndTick } from '../../core/music/song.ts';
import { trimSong } from '../../core/music/song-edit.ts';
import type { Note, Song, Track } from '../../core/music/types.ts';

/** The seed a Continue request sends: the whole song, or only its first `bars` bars (0 = all). */
export function seedOf(song: Song, bars: number): Song {
  if (!Number.isInteger(bars) || bars <= 0) return song;
  const map = TempoMap.fromSong(song);
  if (bars >= map.barCount(songEndTick(song))) return song;
  return trimSong(song, 0, map.barStartTick(bars));
}

/** A variation's notes, each track split into what the seed already had and what Continue added. */
export interface VariationNotes {
  /** one entry per variation track, same order */
  tracks: { kept: Note[]; added: Note[] }[];
  /** all added notes, every track */
  addedCount: number;
  /** the earliest added note's start, or null when nothing was added */
  firstAddedTick: number | null;
}

const noteKey = (note: Note): string => `${note.pitch}:${note.startTick}:${note.endTick}`;

/** The seed track a variation track continues: same name and kind, else the same position. */
function seedTrackFor(seed: Song, track: Track, index: number): Track | undefined {
  return seed.tracks.find((t) => t.name === track.name && t.isDrum === track.isDrum) ?? seed.tracks[index];
}

/**
 * Compares a variation with its seed note by note (pitch, start and end), so "added" means new
 * material whatever the variation's own bookkeeping says. A seed note the variation lost is
 * simply absent from `kept`.
 */
export function splitVariation(seed: Song, variation: Song): VariationNotes {
  let addedCount = 0;
  let firstAddedTick: number | null = null;
  const tracks = variation.tracks.map((track, index) => {
    const unmatched = new Map<string, number>();
    for (const note of seedTrackFor(seed, track, index)?.notes ?? []) unmatched.set(noteKey(note), (unmatched.get(noteKey(note)) ?? 0) + 1);
    const kept: Note[] = [];
    const added: Note[] = [];
    for (const note of track.notes) {
      const left = unmatched.get(noteKey(note)) ?? 0;
      if (left > 0) {
        unmatched.set(noteKey(note), left - 1);
        kept.push(note);
        continue;
      }
      added.push(note);
      if (firstAddedTick === null || note.startTick < firstAddedTick) firstAddedTick = note.startTick;
    }
    addedCount += added.length;
    return { kept, added };
  });
  return { tracks, addedCount, firstAddedTick };
}

/**
 * Where an audition starts: the start of the bar holding the seed's last note, so the join between
 * seed and continuation is heard straight away, or the song start.
 */
export function auditionStartTick(seed: Song, from: 'seed-end' | 'start'): number {
  if (from === 'start') return 0;
  const end = songEndTick(seed);
  if (end <= 0) return 0;
  const map = TempoMap.fromSong(seed);
  return map.barStartTick(map.barIndexAt(end - 1));
}
