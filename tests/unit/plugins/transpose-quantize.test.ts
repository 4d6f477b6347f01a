import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Note, Song, Track } from '../../../src/core/music/types.ts';
import { transposeQuantize } from '../../../src/plugins/builtin/transpose-quantize.ts';
import { defaultParams } from '../../../src/plugins/params.ts';
import { transposeQuantizeDescriptor } from '../../../src/plugins/builtin/transpose-quantize.ts';

function track(notes: Note[], isDrum = false): Track {
  return { name: isDrum ? 'drums' : 'piano', channel: isDrum ? 9 : 0, program: 0, isDrum, notes };
}

function song(tracks: Track[]): Song {
  return {
    name: 'test',
    ppq: 480,
    tracks,
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    keySignatures: [],
    texts: [],
  };
}

const note = (pitch: number, startTick: number, endTick: number): Note => ({ pitch, velocity: 100, startTick, endTick });
const params = (p: Record<string, number | string>) => ({ ...defaultParams(transposeQuantizeDescriptor.params), ...p });

describe('transpose-quantize', () => {
  it('transposes pitched tracks but not drums, leaving the input untouched', () => {
    const input = song([track([note(60, 0, 100)]), track([note(36, 0, 100)], true)]);
    const copy = structuredClone(input);
    const out = transposeQuantize(input, params({ semitones: 7 }));
    expect(out.tracks[0].notes[0].pitch).toBe(67);
    expect(out.tracks[1].notes[0].pitch).toBe(36);
    expect(input).toEqual(copy);
  });

  it('folds pitches that leave 0..127 back by octaves', () => {
    const out = transposeQuantize(song([track([note(120, 0, 10), note(5, 0, 10)])]), params({ semitones: 12 }));
    expect(out.tracks[0].notes.map((n) => n.pitch)).toEqual([17, 120]);
    const down = transposeQuantize(song([track([note(5, 0, 10)])]), params({ semitones: -24 }));
    expect(down.tracks[0].notes[0].pitch).toBe(5);
  });

  it('snaps starts to the grid keeping durations, and half-way at strength 0.5', () => {
    const input = song([track([note(60, 130, 330), note(62, 470, 600)])]);
    const full = transposeQuantize(input, params({ grid: '1/8' }));
    expect(full.tracks[0].notes.map((n) => [n.startTick, n.endTick])).toEqual([
      [240, 440],
      [480, 610],
    ]);
    const half = transposeQuantize(input, params({ grid: '1/4', strength: 0.5 }));
    expect(half.tracks[0].notes[0].startTick).toBe(65);
    const triplet = transposeQuantize(song([track([note(60, 150, 200)])]), params({ grid: '1/8T' }));
    expect(triplet.tracks[0].notes[0].startTick).toBe(160);
  });

  it('changes only the chosen track', () => {
    const input = song([track([note(60, 10, 100)]), track([note(60, 10, 100)])]);
    const out = transposeQuantize(input, params({ semitones: 2, grid: '1/4', onlyTrack: 1 }));
    expect(out.tracks[0].notes[0]).toEqual(note(60, 10, 100));
    expect(out.tracks[1].notes[0]).toEqual(note(62, 0, 90));
  });

  it('keeps every note, sorted, with positive length (property)', () => {
    const noteArb = fc.record({
      pitch: fc.integer({ min: 0, max: 127 }),
      velocity: fc.integer({ min: 1, max: 127 }),
      startTick: fc.integer({ min: 0, max: 10_000 }),
      length: fc.integer({ min: 1, max: 2000 }),
    });
    fc.assert(
      fc.property(
        fc.array(noteArb, { maxLength: 30 }),
        fc.integer({ min: -24, max: 24 }),
        fc.constantFrom('off', '1/4', '1/8', '1/16', '1/8T'),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (raw, semitones, grid, strength) => {
          const notes = raw.map((n) => note(n.pitch, n.startTick, n.startTick + n.length));
          const out = transposeQuantize(song([track(notes)]), params({ semitones, grid, strength })).tracks[0].notes;
          expect(out.length).toBe(notes.length);
          for (let i = 0; i < out.length; i++) {
            expect(out[i].endTick).toBeGreaterThan(out[i].startTick);
            expect(out[i].startTick).toBeGreaterThanOrEqual(0);
            expect(out[i].pitch).toBeGreaterThanOrEqual(0);
            expect(out[i].pitch).toBeLessThanOrEqual(127);
            if (i > 0) expect(out[i].startTick).toBeGreaterThanOrEqual(out[i - 1].startTick);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
