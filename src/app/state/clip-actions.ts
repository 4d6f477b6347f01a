/**
 * Clip edits as the arrangement makes them: each is one undoable step, made with the engine's
 * clip functions on the project as it is when the step runs (rows are found by id, so a drag
 * that ends after another edit still edits the current row). Positions are timeline ticks; audio
 * clips convert them to seconds with the song's tempo map.
 */
import { TempoMap } from '../../core/music/tempo-map.ts';
import {
  deleteAudioClip,
  duplicateAudioClip,
  duplicateClip,
  moveAudioClip,
  moveClip,
  moveClipToLane,
  removeClip,
  splitAudioClip,
  splitClip,
  trimAudioClip,
  trimClip,
  type MidiLane,
} from '../../engine/index.ts';
import type { ProjectSnapshot } from './project-history.ts';
import { withRows } from './project-rows.ts';
import type { TrackState } from './track-state.svelte.ts';
import type { Workstation } from './workstation.svelte.ts';

/** The row with `id` in a snapshot. @throws when it is gone (the edit is then refused) */
export function rowOf(state: ProjectSnapshot, id: number): TrackState {
  const row = state.tracks.find((t) => t.id === id);
  if (row === undefined) throw new Error('that track is gone');
  return row;
}

/** The snapshot with some rows replaced (by id). */
export function replaceRows(state: ProjectSnapshot, ...rows: TrackState[]): ProjectSnapshot {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return withRows(state, state.tracks.map((t) => byId.get(t.id) ?? t));
}

export function laneOf(row: TrackState): MidiLane {
  return { notes: row.midi?.notes ?? [], clips: row.clips };
}

/** The row showing `lane` (MIDI rows only). */
export function rowWithLane(row: TrackState, lane: MidiLane): TrackState {
  return row.midi === null ? row : row.withMidi({ ...row.midi, notes: [...lane.notes] }, lane.clips);
}

export class ClipActions {
  private readonly ws: Workstation;

  constructor(workstation: Workstation) {
    this.ws = workstation;
  }

  /** Moves clip `index` of row `rowId` to start at `toTick`, onto row `targetId` when given (MIDI to MIDI). */
  async move(rowId: number, index: number, toTick: number, targetId = rowId): Promise<void> {
    let landed = { trackId: targetId, index };
    const done = await this.ws.edit('Move clip', (s) => {
      const row = rowOf(s, rowId);
      const seconds = TempoMap.fromSong(s.song).tickToSeconds(Math.max(0, toTick));
      if (row.midi === null) {
        const edit = moveAudioClip(row.audioClips, index, seconds);
        landed = { trackId: rowId, index: edit.index };
        return replaceRows(s, row.with({ audioClips: edit.clips }));
      }
      const target = rowOf(s, targetId);
      if (target.id === row.id || target.midi === null) {
        const edit = moveClip(laneOf(row), index, toTick);
        landed = { trackId: rowId, index: edit.index };
        return replaceRows(s, rowWithLane(row, edit.lane));
      }
      const { from, to } = moveClipToLane(laneOf(row), index, laneOf(target), toTick);
      landed = { trackId: target.id, index: to.index };
      return replaceRows(s, rowWithLane(row, from), rowWithLane(target, to.lane));
    });
    if (done) this.ws.selection.selectClip(landed);
  }

  /** Moves one edge of a clip to `tick` (MIDI clips keep at least `minTicks`). */
  async trim(rowId: number, index: number, edge: 'start' | 'end', tick: number, minTicks = 1): Promise<void> {
    await this.ws.edit('Trim clip', (s) => {
      const row = rowOf(s, rowId);
      if (row.midi !== null) return replaceRows(s, rowWithLane(row, trimClip(laneOf(row), index, edge, tick, minTicks).lane));
      const seconds = TempoMap.fromSong(s.song).tickToSeconds(tick);
      return replaceRows(s, row.with({ audioClips: trimAudioClip(row.audioClips, index, edge, seconds, row.sourceSeconds).clips }));
    });
  }

  /** Splits a clip at `tick`; the right part is selected. */
  async split(rowId: number, index: number, tick: number): Promise<void> {
    let right = index;
    const done = await this.ws.edit('Split clip', (s) => {
      const row = rowOf(s, rowId);
      if (row.midi !== null) {
        const edit = splitClip(laneOf(row), index, tick);
        right = edit.index;
        return replaceRows(s, rowWithLane(row, edit.lane));
      }
      const edit = splitAudioClip(row.audioClips, index, TempoMap.fromSong(s.song).tickToSeconds(tick));
      right = edit.index;
      return replaceRows(s, row.with({ audioClips: edit.clips }));
    });
    if (done) this.ws.selection.selectClip({ trackId: rowId, index: right });
  }

  /** A copy of the clip right after it; the copy is selected. */
  async duplicate(rowId: number, index: number): Promise<void> {
    let copy = index;
    const done = await this.ws.edit('Duplicate clip', (s) => {
      const row = rowOf(s, rowId);
      if (row.midi !== null) {
        const edit = duplicateClip(laneOf(row), index);
        copy = edit.index;
        return replaceRows(s, rowWithLane(row, edit.lane));
      }
      const edit = duplicateAudioClip(row.audioClips, index);
      copy = edit.index;
      return replaceRows(s, row.with({ audioClips: edit.clips }));
    });
    if (done) this.ws.selection.selectClip({ trackId: rowId, index: copy });
  }

  /** Deletes a clip and what it plays. */
  async remove(rowId: number, index: number): Promise<void> {
    const done = await this.ws.edit('Delete clip', (s) => {
      const row = rowOf(s, rowId);
      if (row.midi !== null) return replaceRows(s, rowWithLane(row, removeClip(laneOf(row), index)));
      return replaceRows(s, row.with({ audioClips: deleteAudioClip(row.audioClips, index) }));
    });
    if (done) this.ws.selection.selectClip(null);
  }

  /** The selected clip: where it starts (ticks) and its row, or null. */
  selected(): { row: TrackState; index: number; startTick: number; endTick: number } | null {
    const ref = this.ws.selection.clip;
    const row = ref === null ? undefined : this.ws.tracks.find((t) => t.id === ref.trackId);
    if (ref === null || row === undefined) return null;
    if (row.midi !== null) {
      const clip = row.clips[ref.index];
      return clip === undefined ? null : { row, index: ref.index, startTick: clip.startTick, endTick: clip.endTick };
    }
    const clip = row.audioClips[ref.index];
    if (clip === undefined) return null;
    const map = this.ws.tempoMap;
    return { row, index: ref.index, startTick: map.secondsToTick(clip.startSeconds), endTick: map.secondsToTick(clip.startSeconds + clip.lengthSeconds) };
  }

  /** Splits the selected clip at the playhead. */
  async splitAtPlayhead(): Promise<void> {
    const clip = this.selected();
    if (clip === null) return;
    await this.split(clip.row.id, clip.index, Math.round(this.ws.tempoMap.secondsToTick(this.ws.transport.seconds)));
  }

  /** Moves the selected clip by `ticks` (the arrow keys). */
  async nudgeSelected(ticks: number): Promise<void> {
    const clip = this.selected();
    if (clip !== null) await this.move(clip.row.id, clip.index, Math.max(0, clip.startTick + ticks));
  }
}
