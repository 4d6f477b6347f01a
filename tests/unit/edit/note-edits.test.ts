import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNotes } from '../../../src/core/music/song.ts';
import type { Note } from '../../../src/core/music/types.ts';
import {
  addNote,
  deleteNotes,
  duplicateNotes,
  moveNotes,
  noteAt,
  notesInBox,
  quantizeSelection,
  resizeNotes,
  setVelocity,
} from '../../../src/engine/edit/note-edits.ts';

const n = (pitch: number, startTick: number, endTick: number, velocity = 80): Note => ({ pitch, velocity, startTick, endTick });
const sorted = (notes: Note[]): boolean => notes.every((note, i) => i === 0 || compareNotes(notes[i - 1], note) <= 0);
const valid = (note: Note): boolean =>
  note.pitch >= 0 && note.pitch <= 127 && note.velocity >= 1 && note.velocity <= 127 && note.startTick >= 0 && note.endTick > note.startTick;

const noteArb = fc
  .record({ pitch: fc.integer({ min: 0, max: 127 }), velocity: fc.integer({ min: 1, max: 127 }), startTick: fc.integer({ min: 0, max: 4000 }), length: fc.integer({ min: 1, max: 960 }) })
  .map(({ pitch, velocity, startTick, length }) => ({ pitch, velocity, startTick, endTick: startTick + length }));
const notesArb = fc.array(noteArb, { maxLength: 30 }).map((notes) => [...notes].sort(compareNotes));
const withSelection = notesArb.chain((notes) => fc.tuple(fc.constant(notes), fc.subarray(notes.map((_, i) => i))));

describe('note edits', () => {
  const notes = [n(60, 0, 480), n(64, 480, 960), n(67, 960, 1440)];

  it('adds a note in order and selects it; refuses a note outside MIDI ranges', () => {
    const edit = addNote(notes, n(62, 240, 480));
    expect(edit.notes.map((x) => x.pitch)).toEqual([60, 62, 64, 67]);
    expect(edit.selection).toEqual([1]);
    expect(() => addNote(notes, n(128, 0, 10))).toThrow(/pitch must be 0..127, got 128/);
    expect(() => addNote(notes, n(60, 10, 10))).toThrow(/end after it starts/);
    expect(() => addNote(notes, { ...n(60, 0, 10), velocity: 0 })).toThrow(/velocity/);
  });

  it('moves a selection as a group, never below tick 0 or outside the pitch range', () => {
    const moved = moveNotes(notes, [0, 1], -1000, 100);
    // limited by the earliest note (tick 0) and the highest (64 → 127)
    expect(moved.notes.filter((_, i) => moved.selection.includes(i))).toEqual([n(123, 0, 480), n(127, 480, 960)]);
    const right = moveNotes(notes, [2], 240, -2);
    expect(right.notes[right.selection[0]]).toEqual(n(65, 1200, 1680));
  });

  it('resizes, keeping a minimum length', () => {
    const shorter = resizeNotes(notes, [0], -1000, 120);
    expect(shorter.notes[shorter.selection[0]]).toEqual(n(60, 0, 120));
  });

  it('sets velocity within 1..127 and deletes the selection', () => {
    expect(setVelocity(notes, [1], 300).notes[1].velocity).toBe(127);
    expect(setVelocity(notes, [1], -5).notes[1].velocity).toBe(1);
    expect(deleteNotes(notes, [0, 2])).toEqual([n(64, 480, 960)]);
  });

  it('quantizes only the selection', () => {
    const loose = [n(60, 13, 470), n(64, 490, 950)];
    const edit = quantizeSelection(loose, [0], 480, 4);
    expect(edit.notes).toEqual([n(60, 0, 480), n(64, 490, 950)]);
    expect(edit.selection).toEqual([0]);
  });

  it('duplicates a selection right after it', () => {
    const edit = duplicateNotes(notes, [0, 1]);
    expect(edit.notes.length).toBe(5);
    expect(edit.selection.map((i) => edit.notes[i])).toEqual([n(60, 960, 1440), n(64, 1440, 1920)]);
  });

  it('finds notes in a box and under a point', () => {
    expect(notesInBox(notes, { fromTick: 400, toTick: 1000, lowPitch: 60, highPitch: 66 })).toEqual([0, 1]);
    expect(noteAt(notes, 500, 64)).toBe(1);
    expect(noteAt(notes, 500, 65)).toBe(-1);
  });

  it('property: every edit keeps notes sorted and valid, and a move there and back is the identity', () => {
    fc.assert(
      fc.property(withSelection, fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: -130, max: 130 }), ([list, selection], dTick, dPitch) => {
        const moved = moveNotes(list, selection, dTick, dPitch);
        expect(sorted(moved.notes) && moved.notes.every(valid)).toBe(true);
        expect(moved.notes.length).toBe(list.length);
        // the move actually made (it may have been limited), taken back
        if (selection.length > 0) {
          const before = list[selection[0]];
          const after = moved.notes[moved.selection[0]];
          const sameStart = moved.selection.map((i) => moved.notes[i]);
          const dt = Math.min(...sameStart.map((x) => x.startTick)) - Math.min(...selection.map((i) => list[i].startTick));
          const dp = Math.min(...sameStart.map((x) => x.pitch)) - Math.min(...selection.map((i) => list[i].pitch));
          const back = moveNotes(moved.notes, moved.selection, -dt, -dp);
          expect(back.notes).toEqual(list);
          expect(after.endTick - after.startTick).toBe(before.endTick - before.startTick);
        }
        const resized = resizeNotes(list, selection, dTick, 10);
        expect(sorted(resized.notes) && resized.notes.every(valid)).toBe(true);
        const velocity = setVelocity(list, selection, dPitch);
        expect(velocity.notes.every(valid)).toBe(true);
        expect(deleteNotes(list, selection).length).toBe(list.length - selection.length);
      }),
    );
  });
});
