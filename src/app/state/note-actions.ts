/**
 * Note edits as the piano roll makes them, each one undoable step made with the engine's note
 * functions on the edited row as it is when the step runs. A note that lands outside every clip
 * gets a clip of its own (coverNotes); the edited notes stay selected.
 */
import { TempoMap } from '../../core/music/tempo-map.ts';
import type { Note } from '../../core/music/types.ts';
import {
  addNote,
  coverNotes,
  deleteNotes,
  duplicateNotes,
  moveNotes,
  quantizeSelection,
  resizeNotes,
  setVelocity,
  type NoteEdit,
  type NoteSelection,
} from '../../engine/index.ts';
import { replaceRows, rowOf, rowWithLane } from './clip-actions.ts';
import type { ProjectSnapshot } from './project-history.ts';
import type { Workstation } from './workstation.svelte.ts';

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** Grid names for labels: steps per quarter note → "1/16". */
export function gridName(stepsPerQuarter: number): string {
  const triplet = stepsPerQuarter % 3 === 0;
  const straight = triplet ? (stepsPerQuarter / 3) * 2 : stepsPerQuarter;
  return `1/${straight * 4}${triplet ? 'T' : ''}`;
}

export class NoteActions {
  private readonly ws: Workstation;

  constructor(workstation: Workstation) {
    this.ws = workstation;
  }

  async add(rowId: number, note: Note): Promise<void> {
    await this.run(rowId, 'Add note', (notes) => addNote(notes, note));
  }

  async move(rowId: number, selection: NoteSelection, dTick: number, dPitch: number): Promise<void> {
    if (selection.length === 0 || (dTick === 0 && dPitch === 0)) return;
    await this.run(rowId, `Move ${plural(selection.length, 'note')}`, (notes) => moveNotes(notes, selection, dTick, dPitch));
  }

  async resize(rowId: number, selection: NoteSelection, dTick: number, minLength: number): Promise<void> {
    if (selection.length === 0 || dTick === 0) return;
    await this.run(rowId, `Resize ${plural(selection.length, 'note')}`, (notes) => resizeNotes(notes, selection, dTick, minLength));
  }

  async velocity(rowId: number, selection: NoteSelection, velocity: number): Promise<void> {
    if (selection.length === 0) return;
    await this.run(rowId, `Velocity ${Math.round(velocity)}`, (notes) => setVelocity(notes, selection, velocity));
  }

  async remove(rowId: number, selection: NoteSelection): Promise<void> {
    if (selection.length === 0) return;
    await this.run(rowId, `Delete ${plural(selection.length, 'note')}`, (notes) => ({ notes: deleteNotes(notes, selection), selection: [] }));
  }

  async duplicate(rowId: number, selection: NoteSelection): Promise<void> {
    if (selection.length === 0) return;
    await this.run(rowId, `Duplicate ${plural(selection.length, 'note')}`, (notes) => duplicateNotes(notes, selection));
  }

  /** Quantizes the selection, or every note of the track when none is selected. */
  async quantize(rowId: number, selection: NoteSelection, stepsPerQuarter: number): Promise<void> {
    await this.run(rowId, `Quantize to ${gridName(stepsPerQuarter)}`, (notes, s) => {
      const chosen = selection.length > 0 ? selection : notes.map((_, i) => i);
      return quantizeSelection(notes, chosen, s.song.ppq, stepsPerQuarter);
    });
  }

  /** One note edit of row `rowId`: the notes change, clips cover them, the result is selected. */
  private async run(rowId: number, label: string, change: (notes: readonly Note[], state: ProjectSnapshot) => NoteEdit): Promise<void> {
    let selection: number[] = [];
    const done = await this.ws.edit(label, (s) => {
      const row = rowOf(s, rowId);
      if (row.midi === null) throw new Error('notes are edited on MIDI tracks');
      const edit = change(row.midi.notes, s);
      selection = edit.selection;
      const lane = { notes: edit.notes, clips: row.clips };
      return replaceRows(s, rowWithLane(row, { notes: edit.notes, clips: coverNotes(lane, TempoMap.fromSong(s.song)) }));
    });
    if (done) {
      this.ws.selection.selectTrack(rowId);
      this.ws.selection.selectNotes(selection);
    }
  }
}
