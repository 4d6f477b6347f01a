/**
 * Voices of a polyphonic part (a chorale written as one track): notes split into lines, highest
 * first, so each voice can go to a track of its own.
 */
import { compareNotes } from '../../core/music/song.ts';
import type { Note, Song, Track } from '../../core/music/types.ts';
import { freeChannel } from './track-edits.ts';

const SATB = ['Soprano', 'Alto', 'Tenor', 'Bass'];

/** "Soprano", "Alto", "Tenor", "Bass" for four voices; "Voice 1" (highest) … otherwise. */
export function voiceNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (count === 4 ? SATB[i] : `Voice ${i + 1}`));
}

/** The most notes sounding at once. */
export function polyphony(notes: readonly Note[]): number {
  const edges = notes.flatMap((n) => [
    [n.startTick, 1],
    [n.endTick, -1],
  ]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // an end before a start at the same tick
  let now = 0;
  let most = 0;
  for (const [, step] of edges) {
    now += step;
    most = Math.max(most, now);
  }
  return most;
}

/**
 * Splits notes into as many voices as sound at once at most, highest voice first. At each onset
 * the new notes take the voices that are free then, the highest note the highest free voice; a
 * held note keeps its voice.
 */
export function splitVoices(notes: readonly Note[]): Note[][] {
  const count = polyphony(notes);
  const voices: Note[][] = Array.from({ length: count }, () => []);
  const busyUntil = new Array<number>(count).fill(Number.NEGATIVE_INFINITY);
  const sorted = [...notes].sort(compareNotes);
  for (let i = 0; i < sorted.length; ) {
    const tick = sorted[i].startTick;
    const onset: Note[] = [];
    while (i < sorted.length && sorted[i].startTick === tick) onset.push(sorted[i++]);
    onset.sort((a, b) => b.pitch - a.pitch);
    const free = busyUntil.flatMap((until, v) => (until <= tick ? [v] : []));
    onset.forEach((note, k) => {
      const voice = free[k] ?? 0; // cannot run out: there are as many voices as notes at once
      voices[voice].push(note);
      busyUntil[voice] = note.endTick;
    });
  }
  return voices;
}

/** Where one voice goes: into an existing track of the song (its index), or onto a new track. */
export type VoiceTarget = number | 'new';

/**
 * Moves `notes` (some of track `from`'s notes, split into `voices`) to their targets: each voice
 * into the track it names, or onto a new track after the song's tracks, named after the voice
 * ("Bass 2" when a "Bass" exists) and like track `from` otherwise. Returns the song and the indices of the new tracks.
 */
export function mapVoicesToTracks(song: Song, from: number, voices: readonly Note[][], targets: readonly VoiceTarget[]): { song: Song; added: number[] } {
  const moved = new Set(voices.flat());
  const tracks: Track[] = song.tracks.map((t, i) => (i === from ? { ...t, notes: t.notes.filter((n) => !moved.has(n)) } : { ...t, notes: [...t.notes] }));
  const names = voiceNames(voices.length);
  const added: number[] = [];
  voices.forEach((voice, v) => {
    const target = targets[v] ?? 'new';
    if (target === 'new' || target < 0 || target >= song.tracks.length) {
      added.push(tracks.length);
      const source = song.tracks[from];
      tracks.push({ ...source, name: unusedName(names[v], tracks), channel: freeChannel({ ...song, tracks }), notes: [...voice] });
      return;
    }
    tracks[target] = { ...tracks[target], notes: [...tracks[target].notes, ...voice].sort(compareNotes) };
  });
  return { song: { ...song, tracks }, added };
}

/** `name`, or "name 2", "name 3"… when a track already has it. */
function unusedName(name: string, tracks: readonly Track[]): string {
  const taken = new Set(tracks.map((t) => t.name.trim().toLowerCase()));
  if (!taken.has(name.toLowerCase())) return name;
  for (let n = 2; ; n++) if (!taken.has(`${name} ${n}`.toLowerCase())) return `${name} ${n}`;
}
