/**
 * Edits a generator or the workstation applies to whole songs: transposing, appending a
 * continuation, merging, cutting a range, changing resolution. All return new objects.
 */
import { AleaError } from '../errors.ts';
import { cloneSong, cloneTrack, createTrack, sortNotes } from './song.ts';
import type { Note, Song, Track } from './types.ts';

const clampPitch = (pitch: number): number => Math.min(127, Math.max(0, pitch));

/** Shifts every note by `semitones`, clamped to 0..127. Drum tracks are left as they are. */
export function transposeTrack(track: Track, semitones: number): Track {
  if (track.isDrum) return cloneTrack(track);
  const notes = track.notes.map((n) => ({ ...n, pitch: clampPitch(n.pitch + semitones) }));
  return { ...track, notes: sortNotes(notes) };
}

export function transposeSong(song: Song, semitones: number): Song {
  const result = cloneSong(song);
  result.tracks = song.tracks.map((t) => transposeTrack(t, semitones));
  result.keySignatures = song.keySignatures.map((k) => ({
    ...k,
    tonic: (((k.tonic + semitones) % 12) + 12) % 12,
  }));
  return result;
}

/** Notes moved later by `offsetTicks`. */
export function shiftNotes(notes: readonly Note[], offsetTicks: number): Note[] {
  return notes.map((n) => ({ ...n, startTick: n.startTick + offsetTicks, endTick: n.endTick + offsetTicks }));
}

/** The track with `notes` (shifted by `offsetTicks`) added, kept sorted. */
export function appendNotes(track: Track, notes: readonly Note[], offsetTicks = 0): Track {
  return { ...track, notes: sortNotes([...track.notes, ...shiftNotes(notes, offsetTicks)]) };
}

/** All notes of several tracks in one; channel, program and drum flag come from the first. */
export function mergeTracks(tracks: readonly Track[], name: string = tracks[0]?.name ?? ''): Track {
  const first = tracks[0];
  return createTrack(name, {
    channel: first?.channel,
    program: first?.program,
    isDrum: first?.isDrum,
    notes: tracks.flatMap((t) => t.notes),
  });
}

/**
 * Converts a song to another resolution. Ticks are rounded to the nearest new tick; a note is
 * never shorter than one tick, so nothing vanishes when the resolution drops.
 */
export function retimeToPpq(song: Song, ppq: number): Song {
  if (ppq === song.ppq) return cloneSong(song);
  const scale = (tick: number): number => Math.round((tick * ppq) / song.ppq);
  const result = cloneSong(song);
  result.ppq = ppq;
  result.tracks = song.tracks.map((track) => ({
    ...track,
    notes: sortNotes(
      track.notes.map((n) => {
        const startTick = scale(n.startTick);
        return { ...n, startTick, endTick: Math.max(startTick + 1, scale(n.endTick)) };
      }),
    ),
  }));
  result.tempos = song.tempos.map((t) => ({ ...t, tick: scale(t.tick) }));
  result.timeSignatures = song.timeSignatures.map((t) => ({ ...t, tick: scale(t.tick) }));
  result.keySignatures = song.keySignatures.map((k) => ({ ...k, tick: scale(k.tick) }));
  return result;
}

/**
 * Appends a continuation (its ticks counted from 0) to a seed at `atTick`, usually the seed's
 * next bar start. Each continuation track joins the seed track of the same name and kind (drum or
 * not), else is added as a new track. The seed's tempo, meter and key govern the result; the
 * continuation is converted to the seed's ppq first.
 */
export function appendSong(seed: Song, continuation: Song, atTick: number): Song {
  const addition = retimeToPpq(continuation, seed.ppq);
  const result = cloneSong(seed);
  for (const track of addition.tracks) {
    const target = result.tracks.findIndex((t) => t.name === track.name && t.isDrum === track.isDrum);
    if (target >= 0) result.tracks[target] = appendNotes(result.tracks[target], track.notes, atTick);
    else result.tracks.push({ ...track, notes: sortNotes(shiftNotes(track.notes, atTick)) });
  }
  return result;
}

/** The change in force at `fromTick` moved to 0, then the later ones before `toTick`, shifted. */
function trimChanges<T extends { tick: number }>(changes: readonly T[], fromTick: number, toTick: number): T[] {
  const sorted = [...changes].sort((a, b) => a.tick - b.tick);
  const inForce = sorted.filter((c) => c.tick <= fromTick).pop();
  const later = sorted.filter((c) => c.tick > fromTick && c.tick < toTick);
  const head = inForce === undefined ? [] : [{ ...inForce, tick: 0 }];
  return [...head, ...later.map((c) => ({ ...c, tick: c.tick - fromTick }))];
}

/**
 * The part of a song in [fromTick, toTick), moved to start at 0: notes that start inside it
 * (ends cut at `toTick`), and the tempo, meter and key in force there. Use bar starts as bounds
 * to keep the bar grid.
 */
export function trimSong(song: Song, fromTick: number, toTick: number = Number.POSITIVE_INFINITY): Song {
  const result = cloneSong(song);
  result.tracks = song.tracks.map((track) => ({
    ...track,
    notes: track.notes
      .filter((n) => n.startTick >= fromTick && n.startTick < toTick)
      .map((n) => ({
        ...n,
        startTick: n.startTick - fromTick,
        endTick: Math.min(n.endTick, toTick) - fromTick,
      })),
  }));
  result.tempos = trimChanges(song.tempos, fromTick, toTick);
  result.timeSignatures = trimChanges(song.timeSignatures, fromTick, toTick);
  result.keySignatures = trimChanges(song.keySignatures, fromTick, toTick);
  return result;
}

/** A song holding only the chosen tracks (by index, in the order given). */
export function selectTracks(song: Song, indices: readonly number[]): Song {
  const result = cloneSong(song);
  result.tracks = indices.map((i) => {
    const track = song.tracks[i];
    if (track === undefined) throw new AleaError('usage', `there is no track ${i} (the song has ${song.tracks.length})`);
    return cloneTrack(track);
  });
  return result;
}

/**
 * `song` with [fromTick, toTick) rewritten: in every track named in `fill` (same name and kind),
 * the notes starting there are replaced by the fill's (given from 0, ends cut at `toTick`), and
 * notes ringing into the span from before are cut at `fromTick`. Tracks the fill does not name
 * are untouched; fill tracks the song lacks are added. The fill is converted to the song's ppq.
 */
export function replaceSpan(song: Song, fill: Song, fromTick: number, toTick: number): Song {
  const addition = retimeToPpq(fill, song.ppq);
  const result = cloneSong(song);
  const inSpan = (n: Note): Note[] => {
    const start = n.startTick + fromTick;
    return start < toTick ? [{ ...n, startTick: start, endTick: Math.min(n.endTick + fromTick, toTick) }] : [];
  };
  for (const track of addition.tracks) {
    const target = result.tracks.findIndex((t) => t.name === track.name && t.isDrum === track.isDrum);
    const added = track.notes.flatMap(inSpan);
    if (target < 0) {
      result.tracks.push({ ...track, notes: sortNotes(added) });
      continue;
    }
    const kept = result.tracks[target].notes
      .filter((n) => n.startTick < fromTick || n.startTick >= toTick)
      .map((n) => (n.startTick < fromTick && n.endTick > fromTick ? { ...n, endTick: fromTick } : n));
    result.tracks[target] = { ...result.tracks[target], notes: sortNotes([...kept, ...added]) };
  }
  return result;
}
