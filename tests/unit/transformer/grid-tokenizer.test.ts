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

  it('in soprano-first order writes each step top voice first, reads it back ascending, and skips a rising pitch', () => {
    const soprano = new GridTokenizer({ ...grid.config, pitchOrder: 'descending' });
    const ids = soprano.encodeSteps([[48, 60, 64, 67], [50]]);
    const first = soprano.vocab.family('Pitch').first;
    expect(ids).toEqual([soprano.bos, first + 67 - 21, first + 64 - 21, first + 60 - 21, first + 48 - 21, soprano.stepEnd, first + 50 - 21, soprano.stepEnd]);
    fc.assert(fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
      expect(soprano.decodeSteps(soprano.encodeSteps(steps))).toEqual(steps);
    }));
    // 64 then 67 rises: the 67 is out of order and dropped
    expect(soprano.decodeSteps([first + 64 - 21, first + 67 - 21, first + 60 - 21, soprano.stepEnd])).toEqual([[60, 64]]);
    // the same set scores the same notes in either order: the ascending tokenizer's ids hold the same pitches
    expect(grid.decodeSteps(grid.encodeSteps([[48, 60, 64, 67]]))).toEqual(soprano.decodeSteps(ids.slice(0, 6)));
  });
});
