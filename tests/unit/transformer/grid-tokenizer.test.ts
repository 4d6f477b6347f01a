import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GridTokenizer } from '../../../src/ml/transformer/tokenizers/grid-tokenizer.ts';

const grid = new GridTokenizer();
const stepArb = fc.uniqueArray(fc.integer({ min: 21, max: 108 }), { maxLength: 6 }).map((s) => [...s].sort((a, b) => a - b));

describe('GridTokenizer', () => {
  it('round-trips steps exactly, one StepEnd per step', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        const ids = grid.encodeSteps(steps);
        expect(ids.filter((id) => id === grid.stepEnd)).toHaveLength(steps.length);
        expect(grid.decodeSteps(ids)).toEqual(steps);
      }),
    );
  });

  it('holds a pitch across consecutive steps as one note, and reads the song back to the same steps', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        const song = grid.decode(grid.encodeSteps(steps));
        const back = grid.songToSteps(song, 'all');
        // trailing empty steps leave no trace in a song
        const trimmed = [...steps];
        while (trimmed.length > 0 && trimmed[trimmed.length - 1].length === 0) trimmed.pop();
        expect(back).toEqual(trimmed);
      }),
    );
    const song = grid.decode(grid.encodeSteps([[60, 64], [60, 65], [62]]));
    expect(song.tracks[0].notes.map((n) => [n.pitch, n.startTick, n.endTick])).toEqual([[60, 0, 960], [64, 0, 480], [65, 480, 960], [62, 960, 1440]]);
  });

  it('decodes any id sequence into a valid song', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: grid.vocab.size - 1 }), { maxLength: 300 }), (ids) => {
        for (const t of grid.decode(ids).tracks) {
          for (const n of t.notes) {
            expect(n.endTick).toBeGreaterThan(n.startTick);
            expect(n.pitch).toBeGreaterThanOrEqual(21);
            expect(n.pitch).toBeLessThanOrEqual(108);
          }
        }
      }),
    );
  });
});
