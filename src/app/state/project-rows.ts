/**
 * The project as track rows: the song's MIDI tracks are the MIDI rows' tracks, in row order, so
 * an edit changes rows and the song follows (`withRows`). Helpers the workstation's parts share.
 */
import type { Song } from '../../core/music/types.ts';
import { TempoMap } from '../../core/music/tempo-map.ts';
import { audioClipsEnd, coverNotes, defaultClips, laneProblem, type MidiClip } from '../../engine/index.ts';
import type { PluginState } from '../../plugins/types.ts';
import type { ClipPlacement } from '../lib/engine-port.ts';
import { appRegistry } from '../lib/plugin-list.ts';
import { trackColor } from '../lib/track-colors.ts';
import type { BuiltVoice } from '../worker/protocol.ts';
import type { ProjectSnapshot } from './project-history.ts';
import { ROW_SOURCE, TrackState } from './track-state.svelte.ts';

export function emptySong(): Song {
  return {
    name: 'Untitled',
    ppq: 480,
    tracks: [],
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    keySignatures: [],
    texts: [],
  };
}

export function lastNoteEnd(song: Song): number {
  let end = 0;
  for (const track of song.tracks) for (const note of track.notes) if (note.endTick > end) end = note.endTick;
  return end;
}

/** Seconds until the last audio clip ends. */
export function audioEndSeconds(rows: readonly TrackState[]): number {
  return Math.max(0, ...rows.map((row) => (row.audio === null ? 0 : audioClipsEnd(row.audioClips))));
}

/** The snapshot with `rows` as its tracks (the song's tracks follow the MIDI rows), `song` its meta. */
export function withRows(before: ProjectSnapshot, rows: TrackState[], song: Song = before.song): ProjectSnapshot {
  const tracks = rows.flatMap((row) => (row.midi === null ? [] : [row.midi]));
  return { ...before, song: { ...song, tracks }, tracks: rows, strips: rows.map((row) => row.strip) };
}

/**
 * Rows for a freshly opened song: one per track, its clips from `clips` (a saved project's) when
 * given — notes left outside them get clips of their own — else from its notes.
 */
export function midiRowsFor(song: Song, nextId: () => number, clips?: readonly (readonly MidiClip[])[]): TrackState[] {
  const grid = TempoMap.fromSong(song);
  return song.tracks.map((track, i) => {
    const saved = clips?.[i];
    const valid = saved !== undefined && laneProblem({ notes: [], clips: saved }) === null;
    return TrackState.forMidi(nextId(), i, track, '', valid ? coverNotes({ notes: track.notes, clips: saved }, grid) : defaultClips(track.notes, grid));
  });
}

/** The row continuing `owner` with a new version of its track: clips kept, new notes covered. */
export function continuedRow(owner: TrackState, track: Song['tracks'][number], grid: TempoMap): TrackState {
  return owner.withMidi(track, coverNotes({ notes: track.notes, clips: owner.clips }, grid));
}

/** A colour no row uses yet (the palette's next when all are taken). */
export function freshColor(rows: readonly TrackState[]): string {
  const used = new Set(rows.map((row) => row.color));
  for (let i = 0; i < 8; i++) if (!used.has(trackColor(i))) return trackColor(i);
  return trackColor(rows.length);
}

/** Where an audio row's clips play, for the engine. */
export function placementsOf(row: TrackState): ClipPlacement[] {
  return row.audioClips.map(({ startSeconds, offsetSeconds, lengthSeconds, gainDb }) => ({ startSeconds, offsetSeconds, lengthSeconds, gainDb }));
}

/** An audio row's clips from placements (a project file's), its source id filled in. */
export function clipsOfPlacements(placements: readonly ClipPlacement[]): TrackState['audioClips'] {
  return placements.map((p) => ({ ...p, source: ROW_SOURCE }));
}

/** The instance state of an instrument a panel built. */
export function instrumentState(built: BuiltVoice): PluginState {
  const { version } = appRegistry().get(built.plugin).descriptor;
  return { plugin: built.plugin, version, params: built.params, bypass: false, ...(built.data === undefined ? {} : { data: built.data }) };
}
