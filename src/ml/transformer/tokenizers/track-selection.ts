import { badInput } from '../../../core/errors.ts';
import type { Song, Track } from '../../../core/music/types.ts';
import { ROLE_ACCOMPANIMENT, ROLE_BASS, ROLE_BRIDGE, ROLE_MELODY, TRACK_ROLES } from './remi-vocab.ts';

/**
 * Which tracks of a song a model reads: 'melody' is the track named MELODY (or melody/vocal/lead),
 * else the first non-drum track with notes; 'all' is every non-drum track with notes.
 */
export type TrackSelection = 'melody' | 'all' | { name: string } | { index: number };

/** Parses a command-line value: "melody", "all", a track index, or a track name. */
export function parseTrackSelection(text: string): TrackSelection {
  const t = text.trim();
  if (t === 'melody' || t === 'all') return t;
  if (/^\d+$/.test(t)) return { index: Number(t) };
  return { name: t };
}

const MELODY_NAME = /^(melody|vocals?|lead|voice)$/i;

function playable(track: Track): boolean {
  return !track.isDrum && track.notes.length > 0;
}

export function selectTracks(song: Song, selection: TrackSelection): Track[] {
  if (selection === 'all') return song.tracks.filter(playable);
  if (selection === 'melody') {
    const named = song.tracks.find((t) => playable(t) && MELODY_NAME.test(t.name.trim()));
    const first = named ?? song.tracks.find(playable);
    return first === undefined ? [] : [first];
  }
  if ('index' in selection) {
    const track = song.tracks[selection.index];
    if (track === undefined) throw badInput(`the song has no track ${selection.index} (it has ${song.tracks.length})`);
    return [track];
  }
  const wanted = selection.name.toLowerCase();
  const track = song.tracks.find((t) => t.name.trim().toLowerCase() === wanted);
  if (track === undefined) {
    const names = song.tracks.map((t) => JSON.stringify(t.name)).join(', ');
    throw badInput(`the song has no track named "${selection.name}" (tracks: ${names || 'none'})`);
  }
  return [track];
}

const ROLE_BY_NAME: ReadonlyArray<readonly [RegExp, number]> = [
  [/melody|vocal|lead|voice|^solo/i, ROLE_MELODY],
  [/bridge|counter|second/i, ROLE_BRIDGE],
  [/piano|chord|accomp|harmon|guitar|keys|pad/i, ROLE_ACCOMPANIMENT],
  [/bass/i, ROLE_BASS],
];

/**
 * A role per track (index into TRACK_ROLES). Names decide first (the role labels themselves
 * match too, so decoded songs keep their roles); unnamed tracks take the free roles in the order
 * melody, accompaniment, bass, bridge, then the spare parts. Past eight tracks the last role is
 * shared.
 */
export function assignRoles(tracks: readonly Track[]): number[] {
  const roles: number[] = new Array<number>(tracks.length).fill(-1);
  const taken = new Set<number>();
  tracks.forEach((track, i) => {
    const name = track.name.trim();
    const exact = TRACK_ROLES.findIndex((r) => r.toLowerCase() === name.toLowerCase());
    const byPattern = ROLE_BY_NAME.find(([re]) => re.test(name));
    const role = exact >= 0 ? exact : byPattern !== undefined ? byPattern[1] : -1;
    if (role >= 0 && !taken.has(role)) {
      roles[i] = role;
      taken.add(role);
    }
  });
  const order = [ROLE_MELODY, ROLE_ACCOMPANIMENT, ROLE_BASS, ROLE_BRIDGE, 4, 5, 6, 7];
  for (let i = 0; i < tracks.length; i++) {
    if (roles[i] >= 0) continue;
    const free = order.find((r) => !taken.has(r));
    roles[i] = free ?? TRACK_ROLES.length - 1;
    taken.add(roles[i]);
  }
  return roles;
}
