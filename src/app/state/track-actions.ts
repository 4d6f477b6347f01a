/**
 * Track, tempo and meter edits, each one undoable step made with the engine's functions. Rows
 * keep their id (and mixer settings) through every edit; the song's tracks follow the rows.
 */
import { checkTrackName, emptyTrack, meterProblem, moveItem, tempoProblem, withMeter, withTempo } from '../../engine/index.ts';
import { replaceRows, rowOf } from './clip-actions.ts';
import { freshColor, withRows } from './project-rows.ts';
import { TrackState } from './track-state.svelte.ts';
import type { Workstation } from './workstation.svelte.ts';

export class TrackActions {
  private readonly ws: Workstation;

  constructor(workstation: Workstation) {
    this.ws = workstation;
  }

  /** Adds an empty MIDI track after the others and opens it in the piano roll. */
  async add(): Promise<void> {
    let id = -1;
    const done = await this.ws.edit('Add track', (s) => {
      const track = emptyTrack(s.song);
      id = this.ws.newTrackId();
      const row = TrackState.forMidi(id, s.tracks.length, track, '', [], freshColor(s.tracks));
      return withRows(s, [...s.tracks, row]);
    });
    if (done) this.ws.selection.reset(id);
  }

  async remove(rowId: number): Promise<void> {
    const name = this.ws.tracks.find((t) => t.id === rowId)?.name ?? 'track';
    await this.ws.edit(`Delete track ${name}`, (s) => {
      rowOf(s, rowId);
      return withRows(s, s.tracks.filter((t) => t.id !== rowId));
    });
  }

  async rename(rowId: number, name: string): Promise<void> {
    const row = this.ws.tracks.find((t) => t.id === rowId);
    if (row === undefined || row.name === name.trim()) return;
    await this.ws.edit(`Rename ${row.name} to ${name.trim()}`, (s) => {
      const current = rowOf(s, rowId);
      const trimmed = checkTrackName(name);
      const midi = current.midi === null ? undefined : { ...current.midi, name: trimmed };
      return replaceRows(s, current.with({ name: trimmed, midi }));
    });
  }

  /** Moves a track up (−1) or down (+1) in the list; the song's track order follows. */
  async move(rowId: number, delta: number): Promise<void> {
    const from = this.ws.tracks.findIndex((t) => t.id === rowId);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= this.ws.tracks.length) return;
    await this.ws.edit(delta < 0 ? 'Move track up' : 'Move track down', (s) => {
      const index = s.tracks.findIndex((t) => t.id === rowId);
      return withRows(s, moveItem(s.tracks, index, index + delta));
    });
  }

  async recolor(rowId: number, color: string): Promise<void> {
    if (!/^#[0-9a-f]{6}$/i.test(color)) return;
    await this.ws.edit('Track colour', (s) => replaceRows(s, rowOf(s, rowId).with({ color })));
  }

  /**
   * Sets the tempo (every tempo change scaled alike). Returns why a value is refused, or null;
   * a refused value changes nothing.
   */
  setTempo(bpm: number): string | null {
    const problem = tempoProblem(bpm);
    if (problem !== null) return problem;
    if (bpm === this.ws.song.tempos[0]?.bpm) return null;
    void this.ws.edit(`Tempo ${Math.round(bpm * 100) / 100} bpm`, (s) => ({ ...s, song: withTempo(s.song, bpm) }));
    return null;
  }

  /** Sets the meter at the song start. Returns why it is refused, or null. */
  setMeter(numerator: number, denominator: number): string | null {
    const problem = meterProblem(numerator, denominator);
    if (problem !== null) return problem;
    const first = this.ws.song.timeSignatures[0];
    if (first?.numerator === numerator && first.denominator === denominator) return null;
    void this.ws.edit(`Meter ${numerator}/${denominator}`, (s) => ({ ...s, song: withMeter(s.song, numerator, denominator) }));
    return null;
  }
}
