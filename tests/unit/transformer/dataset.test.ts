import { describe, expect, it } from 'vitest';
import { GridTokenizer } from '../../../src/ml/transformer/tokenizers/grid-tokenizer.ts';
import {
  WindowSampler, evaluationWindows, isValidationPiece, packWindows, splitPieces, transposeIds,
} from '../../../src/ml/transformer/train/dataset.ts';
import { RemiTokenizer } from '../../../src/ml/transformer/tokenizers/remi-tokenizer.ts';
import { pitchOfId } from '../../../src/ml/transformer/tokenizers/tokenizer.ts';
import type { Song } from '../../../src/core/music/types.ts';

const remi = new RemiTokenizer();
const grid = new GridTokenizer();

function scale(bars: number, tsNum = 4): Song {
  const notes = Array.from({ length: bars * 4 }, (_, i) => ({ pitch: 60 + (i % 8), velocity: 80, startTick: i * 480 * (tsNum / 4), endTick: i * 480 * (tsNum / 4) + 240 }));
  return {
    name: 's', ppq: 480, keySignatures: [], texts: [], tempos: [{ tick: 0, bpm: 100 }, { tick: 480 * 16, bpm: 140 }],
    timeSignatures: [{ tick: 0, numerator: tsNum, denominator: 4 }],
    tracks: [{ name: 'MELODY', channel: 0, program: 0, isDrum: false, notes }],
  };
}

describe('data pipeline', () => {
  it('splits by file name, stably and about the asked fraction', () => {
    const names = Array.from({ length: 2000 }, (_, i) => `${i}.mid`);
    const valid = names.filter((n) => isValidationPiece(n, 0.1));
    expect(valid.length).toBeGreaterThan(150);
    expect(valid.length).toBeLessThan(250);
    const pieces = names.map((name) => ({ name, ids: [1] }));
    expect(splitPieces(pieces, 0.1).valid.map((p) => p.name)).toEqual(valid);
  });

  it('scores every token after BOS exactly once across evaluation windows', () => {
    for (const [tok, ids] of [
      [remi, remi.encode(scale(30), 'melody')],
      [grid, grid.encodeSteps(Array.from({ length: 90 }, (_, i) => [40 + (i % 5), 60 + (i % 7)]))],
    ] as const) {
      const windows = evaluationWindows(tok, ids, 32);
      const batch = packWindows(tok, windows, 32);
      const scored = Array.from(batch.mask).reduce((a, b) => a + b, 0);
      expect(scored).toBe(ids.length - 1);
      // scored targets, in order, are the piece's tokens after BOS (REMI crops restate state tokens, never scored)
      const targets: number[] = [];
      batch.mask.forEach((m, i) => m > 0 && targets.push(batch.targets[i]));
      expect(targets).toEqual(ids.slice(1));
    }
  });

  it('draws the same windows for the same step and item, starting at bar lines, transposed in range', () => {
    const pieces = [{ name: 'a', ids: remi.encode(scale(40), 'melody') }, { name: 'b', ids: remi.encode(scale(20, 3), 'melody') }];
    const sampler = new WindowSampler(remi, pieces, { contextLength: 48, maxTranspose: 6, seed: 3 });
    expect(sampler.window(5, 2)).toEqual(sampler.window(5, 2));
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const w = sampler.window(0, i);
      seen.add(w.join(','));
      expect(w.length).toBe(49);
      expect(['Bar', 'BOS']).toContain(remi.vocab.kind(w[0]));
      if (remi.vocab.kind(w[0]) === 'Bar') {
        expect(remi.vocab.kind(w[1])).toBe('TimeSig');
        expect(remi.vocab.kind(w[2])).toBe('Tempo');
      }
      for (const id of w) {
        const p = pitchOfId(remi, id);
        if (p !== undefined) expect(p).toBeGreaterThanOrEqual(54);
      }
    }
    expect(seen.size).toBeGreaterThan(20);
  });

  it('transposes only pitch tokens', () => {
    const ids = remi.encode(scale(2), 'melody');
    const up = transposeIds(remi, ids, 2);
    ids.forEach((id, i) => {
      const p = pitchOfId(remi, id);
      expect(up[i]).toBe(p === undefined ? id : id + 2);
    });
  });
});
