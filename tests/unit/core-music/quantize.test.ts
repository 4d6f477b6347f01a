import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isQuantized, quantizeNotes, type Note } from '../../../src/core/music/index.ts';

const noteArbitrary = fc
  .record({
    pitch: fc.integer({ min: 0, max: 127 }),
    velocity: fc.integer({ min: 1, max: 127 }),
    startTick: fc.integer({ min: 0, max: 20_000 }),
    length: fc.integer({ min: 1, max: 3000 }),
  })
  .map(({ length, ...n }): Note => ({ ...n, endTick: n.startTick + length }));

const ppqArbitrary = fc.constantFrom(96, 120, 384, 480, 960, 1024);
const gridArbitrary = fc.constantFrom(1, 2, 3, 4, 6, 8, 12);

describe('quantizeNotes', () => {
  it('puts every start and end on the grid, each note at least one step long', () => {
    fc.assert(
      fc.property(fc.array(noteArbitrary, { maxLength: 40 }), ppqArbitrary, gridArbitrary, (notes, ppq, steps) => {
        const out = quantizeNotes(notes, ppq, { stepsPerQuarter: steps });
        const step = ppq / steps;
        expect(isQuantized(out, ppq, steps)).toBe(true);
        for (const n of out) {
          // Grid points are rounded to whole ticks, so a step may lose half a tick at each side.
          expect(n.endTick - n.startTick).toBeGreaterThanOrEqual(Math.floor(step));
        }
      }),
    );
  });

  it('never reverses a note and never moves it more than half a step at full strength', () => {
    fc.assert(
      fc.property(
        fc.array(noteArbitrary, { minLength: 1, maxLength: 40 }),
        ppqArbitrary,
        gridArbitrary,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (notes, ppq, steps, strength, swing) => {
          const out = quantizeNotes(notes, ppq, { stepsPerQuarter: steps, strength, swing });
          for (const n of out) expect(n.endTick).toBeGreaterThan(n.startTick);
          const straight = quantizeNotes(notes, ppq, { stepsPerQuarter: steps });
          const starts = new Set(notes.map((n) => n.startTick));
          for (const n of straight) {
            const nearestOriginal = Math.min(...[...starts].map((s) => Math.abs(s - n.startTick)));
            expect(nearestOriginal).toBeLessThanOrEqual(ppq / steps / 2 + 1);
          }
        },
      ),
    );
  });

  it('leaves notes alone at strength 0', () => {
    const notes: Note[] = [
      { pitch: 60, velocity: 80, startTick: 13, endTick: 250 },
      { pitch: 62, velocity: 80, startTick: 470, endTick: 481 },
    ];
    expect(quantizeNotes(notes, 480, { stepsPerQuarter: 4, strength: 0 })).toEqual(notes);
  });

  it('moves half way at strength 0.5', () => {
    const out = quantizeNotes([{ pitch: 60, velocity: 80, startTick: 100, endTick: 460 }], 480, {
      stepsPerQuarter: 4,
      strength: 0.5,
    });
    expect(out).toEqual([{ pitch: 60, velocity: 80, startTick: 110, endTick: 470 }]);
  });

  it('snaps to sixteenths, triplets or both', () => {
    const n: Note = { pitch: 60, velocity: 80, startTick: 165, endTick: 310 };
    expect(quantizeNotes([n], 480, { stepsPerQuarter: 4 })[0]).toMatchObject({ startTick: 120, endTick: 360 });
    expect(quantizeNotes([n], 480, { stepsPerQuarter: 3 })[0]).toMatchObject({ startTick: 160, endTick: 320 });
    expect(quantizeNotes([n], 480, { stepsPerQuarter: 12 })[0]).toMatchObject({ startTick: 160, endTick: 320 });
  });

  it('stretches a note shorter than a step to one step', () => {
    const out = quantizeNotes([{ pitch: 60, velocity: 80, startTick: 125, endTick: 130 }], 480, { stepsPerQuarter: 4 });
    expect(out[0]).toMatchObject({ startTick: 120, endTick: 240 });
  });

  it('swings odd steps late: full swing plays pairs 2:1', () => {
    const notes: Note[] = [
      { pitch: 60, velocity: 80, startTick: 0, endTick: 120 },
      { pitch: 62, velocity: 80, startTick: 120, endTick: 240 },
    ];
    const out = quantizeNotes(notes, 480, { stepsPerQuarter: 4, swing: 1 });
    expect(out.map((n) => [n.startTick, n.endTick])).toEqual([
      [0, 160],
      [160, 240],
    ]);
  });

  it('merges notes of one pitch that land on the same start', () => {
    const out = quantizeNotes(
      [
        { pitch: 60, velocity: 50, startTick: 118, endTick: 200 },
        { pitch: 60, velocity: 90, startTick: 122, endTick: 400 },
      ],
      480,
      { stepsPerQuarter: 4 },
    );
    expect(out).toEqual([{ pitch: 60, velocity: 90, startTick: 120, endTick: 360 }]);
  });

  it('refuses a bad grid, strength or swing', () => {
    expect(() => quantizeNotes([], 480, { stepsPerQuarter: 0 })).toThrowError(/grid/);
    expect(() => quantizeNotes([], 480, { stepsPerQuarter: 4, strength: 2 })).toThrowError(/strength/);
    expect(() => quantizeNotes([], 480, { stepsPerQuarter: 4, swing: -1 })).toThrowError(/swing/);
  });
});
