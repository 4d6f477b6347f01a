import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TempoMap } from '../../../src/core/music/tempo-map.ts';
import { compareNotes } from '../../../src/core/music/song.ts';
import type { Note } from '../../../src/core/music/types.ts';
import {
  clearRange,
  clipAt,
  clipNotes,
  coverNotes,
  defaultClips,
  duplicateClip,
  laneProblem,
  moveClip,
  moveClipToLane,
  removeClip,
  splitClip,
  trimClip,
  type MidiLane,
} from '../../../src/engine/edit/clip-edits.ts';

const BAR = 1920; // 4/4 at 480 ppq
const grid = new TempoMap(480, [{ tick: 0, bpm: 120 }], [{ tick: 0, numerator: 4, denominator: 4 }]);
const n = (pitch: number, startTick: number, endTick: number): Note => ({ pitch, velocity: 80, startTick, endTick });
const lane = (notes: Note[]): MidiLane => ({ notes: [...notes].sort(compareNotes), clips: defaultClips(notes, grid) });

describe('MIDI clips', () => {
  it('groups notes into bar-aligned clips; one empty bar does not split a clip, two do', () => {
    const notes = [n(60, 0, 480), n(62, 2 * BAR, 2 * BAR + 480), n(64, 5 * BAR + 100, 5 * BAR + 200)];
    expect(defaultClips(notes, grid)).toEqual([
      { startTick: 0, endTick: 3 * BAR },
      { startTick: 5 * BAR, endTick: 6 * BAR },
    ]);
    expect(defaultClips([n(60, 0, 2 * BAR + 10)], grid)).toEqual([{ startTick: 0, endTick: 3 * BAR }]);
  });

  it('moves a clip with its notes and overwrites what was under it', () => {
    const start = lane([n(60, 0, 480), n(62, 480, 960), n(70, 3 * BAR, 3 * BAR + 480), n(71, 4 * BAR, 4 * BAR + 3000)]);
    expect(start.clips).toEqual([
      { startTick: 0, endTick: BAR },
      { startTick: 3 * BAR, endTick: 5 * BAR + 0 * BAR + BAR },
    ]);
    const { lane: moved, index } = moveClip(start, 0, 3 * BAR);
    expect(index).toBe(0);
    expect(moved.clips).toEqual([
      { startTick: 3 * BAR, endTick: 4 * BAR },
      { startTick: 4 * BAR, endTick: 6 * BAR },
    ]);
    // the note at bar 3 was overwritten; the ones of the moved clip came along
    expect(moved.notes.map((x) => [x.pitch, x.startTick])).toEqual([
      [60, 3 * BAR],
      [62, 3 * BAR + 480],
      [71, 4 * BAR],
    ]);
    expect(laneProblem(moved)).toBeNull();
  });

  it('cuts notes that would sound into an overwritten range', () => {
    const long = lane([n(60, 0, 2 * BAR)]);
    const cleared = clearRange(long, BAR, 2 * BAR);
    expect(cleared.notes).toEqual([n(60, 0, BAR)]);
    expect(cleared.clips).toEqual([{ startTick: 0, endTick: BAR }]);
  });

  it('trims: shortening drops notes outside and ends crossing notes at the new edge; neighbours limit it', () => {
    const start = lane([n(60, 0, 900), n(62, 1000, 1500), n(64, 3 * BAR + 10, 3 * BAR + 20)]);
    const end = trimClip(start, 0, 'end', 960);
    expect(end.lane.notes.slice(0, 1)).toEqual([n(60, 0, 900)]);
    expect(end.lane.clips[0]).toEqual({ startTick: 0, endTick: 960 });
    const shorter = trimClip(start, 0, 'end', 600);
    expect(shorter.lane.notes.filter((x) => x.pitch < 64)).toEqual([n(60, 0, 600)]);
    const startEdge = trimClip(start, 0, 'start', 950);
    expect(startEdge.lane.notes.filter((x) => x.pitch < 64)).toEqual([n(62, 1000, 1500)]);
    // growing stops at the next clip
    expect(trimClip(start, 0, 'end', 10 * BAR).lane.clips[0].endTick).toBe(3 * BAR);
    expect(trimClip(start, 1, 'start', 0).lane.clips[1].startTick).toBe(BAR);
  });

  it('splits a clip; notes that cross the cut end there', () => {
    const start = lane([n(60, 0, 1000), n(62, 1000, 1500)]);
    const { lane: split, index } = splitClip(start, 0, 960);
    expect(index).toBe(1);
    expect(split.clips).toEqual([{ startTick: 0, endTick: 960 }, { startTick: 960, endTick: BAR }]);
    expect(split.notes).toEqual([n(60, 0, 960), n(62, 1000, 1500)]);
    expect(clipNotes(split, 1)).toEqual([n(62, 1000, 1500)]);
    expect(splitClip(start, 0, 0).lane).toBe(start); // not inside: nothing to split
  });

  it('duplicates a clip right after it and deletes one with its notes', () => {
    const start = lane([n(60, 0, 480)]);
    const dup = duplicateClip(start, 0);
    expect(dup.lane.clips).toEqual([{ startTick: 0, endTick: BAR }, { startTick: BAR, endTick: 2 * BAR }]);
    expect(dup.lane.notes).toEqual([n(60, 0, 480), n(60, BAR, BAR + 480)]);
    expect(removeClip(dup.lane, 0)).toEqual({ notes: [n(60, BAR, BAR + 480)], clips: [{ startTick: BAR, endTick: 2 * BAR }] });
    expect(() => removeClip(start, 3)).toThrow(/clip 3 does not exist/);
  });

  it('moves a clip to another lane', () => {
    const a = lane([n(60, 0, 480)]);
    const b = lane([n(40, 2 * BAR, 2 * BAR + 100)]);
    const { from, to } = moveClipToLane(a, 0, b, BAR);
    expect(from).toEqual({ notes: [], clips: [] });
    expect(to.lane.notes).toEqual([n(60, BAR, BAR + 480), n(40, 2 * BAR, 2 * BAR + 100)]);
  });

  it('covers a note drawn outside every clip with a new bar-aligned clip between its neighbours', () => {
    const start = lane([n(60, 0, 480), n(60, 3 * BAR, 3 * BAR + 100)]);
    const drawn = { notes: [...start.notes, n(70, BAR + 10, BAR + 20)].sort(compareNotes), clips: start.clips };
    const clips = coverNotes(drawn, grid);
    expect(clips).toEqual([{ startTick: 0, endTick: BAR }, { startTick: BAR, endTick: 2 * BAR }, { startTick: 3 * BAR, endTick: 4 * BAR }]);
    expect(clipAt({ ...drawn, clips }, BAR + 10)).toBe(1);
  });

  const notesArb = fc
    .array(fc.record({ pitch: fc.integer({ min: 30, max: 90 }), start: fc.integer({ min: 0, max: 8 * BAR }), length: fc.integer({ min: 1, max: BAR }) }), { maxLength: 20 })
    .map((raw) => raw.map((r) => n(r.pitch, r.start, r.start + r.length)));
  type Op = { kind: 'move' | 'trim-start' | 'trim-end' | 'split' | 'dup' | 'remove'; pick: number; tick: number };
  const opArb: fc.Arbitrary<Op> = fc.record({
    kind: fc.constantFrom('move', 'trim-start', 'trim-end', 'split', 'dup', 'remove'),
    pick: fc.nat(20),
    tick: fc.integer({ min: 0, max: 12 * BAR }),
  });

  it('property: any sequence of clip edits keeps clips sorted and disjoint and every note in a clip', () => {
    fc.assert(
      fc.property(notesArb, fc.array(opArb, { maxLength: 12 }), (notes, ops) => {
        let current = lane(notes);
        expect(laneProblem(current)).toBeNull();
        for (const op of ops) {
          if (current.clips.length === 0) break;
          const i = op.pick % current.clips.length;
          if (op.kind === 'move') current = moveClip(current, i, op.tick).lane;
          else if (op.kind === 'trim-start') current = trimClip(current, i, 'start', op.tick).lane;
          else if (op.kind === 'trim-end') current = trimClip(current, i, 'end', op.tick).lane;
          else if (op.kind === 'split') current = splitClip(current, i, op.tick).lane;
          else if (op.kind === 'dup') current = duplicateClip(current, i).lane;
          else current = removeClip(current, i);
          expect(laneProblem(current)).toBeNull();
          expect(current.notes.every((x) => x.endTick > x.startTick && x.startTick >= 0)).toBe(true);
        }
      }),
    );
  });

  it('property: moving a clip into empty space and back gives the lane back', () => {
    fc.assert(
      fc.property(notesArb, fc.nat(20), (notes, pick) => {
        const start = lane(notes);
        if (start.clips.length === 0) return;
        const i = pick % start.clips.length;
        const from = start.clips[i].startTick;
        const away = moveClip(start, i, 20 * BAR); // past every clip
        const back = moveClip(away.lane, away.index, from);
        expect(back.lane).toEqual(start);
      }),
    );
  });
});
