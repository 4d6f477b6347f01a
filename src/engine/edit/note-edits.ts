/**
 * Note edits of one track, as the piano roll makes them: pure functions from a sorted note list
 * (and a selection: indices into it) to a new sorted list and where the edited notes landed.
 * Nothing is mutated; every result keeps MIDI's ranges (pitch 0..127, velocity 1..127,
 * startTick ≥ 0, endTick > startTick).
 */
import { badInput } from '../../core/errors.ts';
import { quantizeNotes } from '../../core/music/quantize.ts';
import { compareNotes } from '../../core/music/song.ts';
import type { Note } from '../../core/music/types.ts';

/** Indices into a sorted note list. */
export type NoteSelection = readonly number[];

export interface NoteEdit {
  /** sorted by start, then pitch */
  notes: Note[];
  /** where the edited (or added) notes are now */
  selection: number[];
}

/** A rectangle of the piano roll: ticks [fromTick, toTick), pitches lowPitch..highPitch. */
export interface NoteBox {
  fromTick: number;
  toTick: number;
  lowPitch: number;
  highPitch: number;
}

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

/** Sorts notes and reports where the marked ones went (equal notes keep their order). */
function settle(items: { note: Note; marked: boolean }[]): NoteEdit {
  const sorted = items.map((item, order) => ({ ...item, order })).sort((a, b) => compareNotes(a.note, b.note) || a.order - b.order);
  const selection: number[] = [];
  sorted.forEach((item, i) => item.marked && selection.push(i));
  return { notes: sorted.map((item) => item.note), selection };
}

function selectedSet(notes: readonly Note[], selection: NoteSelection): Set<number> {
  return new Set(selection.filter((i) => Number.isInteger(i) && i >= 0 && i < notes.length));
}

/** Applies `change` to the selected notes; the rest stay as they are. */
function editSelected(notes: readonly Note[], selection: NoteSelection, change: (note: Note) => Note): NoteEdit {
  const chosen = selectedSet(notes, selection);
  return settle(notes.map((note, i) => (chosen.has(i) ? { note: change(note), marked: true } : { note, marked: false })));
}

/** Checks a note a user draws. @throws AleaError 'bad-input' naming the bad field */
export function checkNote(note: Note): Note {
  if (!(Number.isInteger(note.pitch) && note.pitch >= 0 && note.pitch <= 127)) throw badInput(`a note's pitch must be 0..127, got ${note.pitch}`);
  if (!(Number.isInteger(note.velocity) && note.velocity >= 1 && note.velocity <= 127)) {
    throw badInput(`a note's velocity must be 1..127, got ${note.velocity}`);
  }
  if (!(Number.isInteger(note.startTick) && note.startTick >= 0)) throw badInput(`a note must start at a tick ≥ 0, got ${note.startTick}`);
  if (!(Number.isInteger(note.endTick) && note.endTick > note.startTick)) {
    throw badInput(`a note must end after it starts (start ${note.startTick}, end ${note.endTick})`);
  }
  return note;
}

export function addNote(notes: readonly Note[], note: Note): NoteEdit {
  const added = { ...checkNote(note) };
  return settle([...notes.map((n) => ({ note: n, marked: false })), { note: added, marked: true }]);
}

export function deleteNotes(notes: readonly Note[], selection: NoteSelection): Note[] {
  const chosen = selectedSet(notes, selection);
  return notes.filter((_, i) => !chosen.has(i));
}

/**
 * Moves the selected notes by `dTick` ticks and `dPitch` semitones as a group: the move is
 * limited so that no note goes before tick 0 or outside 0..127 (the group keeps its shape).
 */
export function moveNotes(notes: readonly Note[], selection: NoteSelection, dTick: number, dPitch: number): NoteEdit {
  const chosen = [...selectedSet(notes, selection)].map((i) => notes[i]);
  if (chosen.length === 0) return { notes: [...notes], selection: [] };
  const earliest = Math.min(...chosen.map((n) => n.startTick));
  const low = Math.min(...chosen.map((n) => n.pitch));
  const high = Math.max(...chosen.map((n) => n.pitch));
  const ticks = Math.max(-earliest, Math.round(dTick));
  const semitones = clamp(Math.round(dPitch), -low, 127 - high);
  return editSelected(notes, selection, (n) => ({ ...n, pitch: n.pitch + semitones, startTick: n.startTick + ticks, endTick: n.endTick + ticks }));
}

/** Lengthens (or shortens) the selected notes by `dTick`, each keeping at least `minLength` ticks. */
export function resizeNotes(notes: readonly Note[], selection: NoteSelection, dTick: number, minLength = 1): NoteEdit {
  const least = Math.max(1, Math.round(minLength));
  return editSelected(notes, selection, (n) => ({ ...n, endTick: Math.max(n.startTick + least, n.endTick + Math.round(dTick)) }));
}

/** Sets the selected notes' velocity (clamped to 1..127). */
export function setVelocity(notes: readonly Note[], selection: NoteSelection, velocity: number): NoteEdit {
  const v = clamp(Math.round(velocity), 1, 127);
  return editSelected(notes, selection, (n) => ({ ...n, velocity: v }));
}

/** Quantizes the selected notes (core's quantizer, full strength) and leaves the others alone. */
export function quantizeSelection(notes: readonly Note[], selection: NoteSelection, ppq: number, stepsPerQuarter: number): NoteEdit {
  const chosen = selectedSet(notes, selection);
  const snapped = quantizeNotes(
    notes.filter((_, i) => chosen.has(i)),
    ppq,
    { stepsPerQuarter },
  );
  const rest = notes.filter((_, i) => !chosen.has(i));
  return settle([...rest.map((note) => ({ note, marked: false })), ...snapped.map((note) => ({ note, marked: true }))]);
}

/** Copies the selected notes to just after them (the span from the first start to the last end). */
export function duplicateNotes(notes: readonly Note[], selection: NoteSelection): NoteEdit {
  const chosen = [...selectedSet(notes, selection)].map((i) => notes[i]);
  if (chosen.length === 0) return { notes: [...notes], selection: [] };
  const span = Math.max(...chosen.map((n) => n.endTick)) - Math.min(...chosen.map((n) => n.startTick));
  const copies = chosen.map((n) => ({ note: { ...n, startTick: n.startTick + span, endTick: n.endTick + span }, marked: true }));
  return settle([...notes.map((note) => ({ note, marked: false })), ...copies]);
}

/** The notes a box touches (any overlap in time, pitch inside). */
export function notesInBox(notes: readonly Note[], box: NoteBox): number[] {
  const from = Math.min(box.fromTick, box.toTick);
  const to = Math.max(box.fromTick, box.toTick);
  const low = Math.min(box.lowPitch, box.highPitch);
  const high = Math.max(box.lowPitch, box.highPitch);
  const found: number[] = [];
  notes.forEach((n, i) => {
    if (n.pitch >= low && n.pitch <= high && n.startTick < to && n.endTick > from) found.push(i);
  });
  return found;
}

/** The note under a point (the latest-starting one when several overlap), or -1. */
export function noteAt(notes: readonly Note[], tick: number, pitch: number): number {
  for (let i = notes.length - 1; i >= 0; i--) {
    const n = notes[i];
    if (n.pitch === pitch && n.startTick <= tick && tick < n.endTick) return i;
  }
  return -1;
}
