import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/ml/runtime/rng.ts';
import { infillLayout, infillMarks, infillWindow } from '../../../src/ml/transformer/tokenizers/infill-format.ts';
import { RemiTokenizer } from '../../../src/ml/transformer/tokenizers/remi-tokenizer.ts';
import type { Song } from '../../../src/core/music/types.ts';

const tokenizer = new RemiTokenizer({ kind: 'remi', minPitch: 21, maxPitch: 108, infill: true });

/** Eight bars of 4/4, one quarter note per beat, pitch rising by bar so every bar is told apart. */
function eightBars(): Song {
  const notes = Array.from({ length: 32 }, (_, i) => ({ pitch: 60 + Math.floor(i / 4), velocity: 80, startTick: i * 480, endTick: i * 480 + 400 }));
  return {
    name: 'eight', ppq: 480, tracks: [{ name: 'Melody', channel: 0, program: 0, isDrum: false, notes }],
    tempos: [{ tick: 0, bpm: 100 }], timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }], keySignatures: [], texts: [],
  };
}

const pitchesOf = (ids: readonly number[]): number[] => {
  const f = tokenizer.vocab.family('Pitch');
  return ids.filter((id) => id >= f.first && id < f.first + f.size).map((id) => id - f.first + 21);
};

describe('fill-in-the-middle layout', () => {
  const ids = tokenizer.encode(eightBars(), 'all').slice(0, -1); // without EOS

  it('puts bars 3..5 last, between FillMiddle and FillEnd, with what comes before and after first', () => {
    const marks = infillMarks(tokenizer);
    if (marks === undefined) throw new Error('no marks');
    const laid = infillLayout(tokenizer, ids, 3, 5);
    const s = laid.indexOf(marks.suffix);
    const m = laid.indexOf(marks.middle);
    expect(laid.at(-1)).toBe(marks.end);
    expect(pitchesOf(laid.slice(0, s))).toEqual([60, 60, 60, 60, 61, 61, 61, 61, 62, 62, 62, 62]);
    expect(pitchesOf(laid.slice(s, m))).toEqual([65, 65, 65, 65, 66, 66, 66, 66, 67, 67, 67, 67]);
    expect(pitchesOf(laid.slice(m))).toEqual([63, 63, 63, 63, 64, 64, 64, 64]);
    // the suffix and the middle each restate the meter and tempo after their first Bar
    const kinds = (at: number): string[] => laid.slice(at + 1, at + 4).map((id) => tokenizer.vocab.kind(id) ?? '?');
    expect(kinds(s)).toEqual(['Bar', 'TimeSig', 'Tempo']);
    expect(kinds(m)).toEqual(['Bar', 'TimeSig', 'Tempo']);
  });

  it('refuses a plain tokenizer and bars outside the piece', () => {
    expect(() => infillLayout(new RemiTokenizer(), ids, 1, 2)).toThrow(/no infill marks/);
    expect(() => infillLayout(tokenizer, ids, 5, 9)).toThrow(/not inside the 8 bars/);
    expect(() => infillLayout(tokenizer, ids, 4, 4)).toThrow(RangeError);
  });

  it('training windows keep every whole bar once, the middle whole and last, within the span', () => {
    const marks = infillMarks(tokenizer);
    if (marks === undefined) throw new Error('no marks');
    for (let k = 0; k < 40; k++) {
      const span = 40 + k * 3;
      const window = ids.slice(0, span);
      const out = infillWindow(tokenizer, window, span, createRng(`infill-test:${k}`));
      expect(out.length).toBeLessThanOrEqual(span);
      if (!out.includes(marks.middle)) continue;
      expect(out.at(-1)).toBe(marks.end);
      const middle = pitchesOf(out.slice(out.indexOf(marks.middle)));
      const bars = new Set(middle.map((p) => p - 60));
      expect(bars.size).toBeGreaterThanOrEqual(1);
      expect(bars.size).toBeLessThanOrEqual(4);
      expect(middle.length).toBe(4 * bars.size);
    }
  });
});
