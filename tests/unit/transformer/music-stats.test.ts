import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend-node.ts';
import { transposeSong } from '../../../src/core/music/song-edit.ts';
import { evaluateNll, continuationStudy } from '../../../src/ml/transformer/eval/evaluate.ts';
import { GridTokenizer } from '../../../src/ml/transformer/tokenizers/grid-tokenizer.ts';
import { TransformerModel } from '../../../src/ml/transformer/model/model.ts';
import { compareSets, overlappingArea, songFeatures } from '../../../src/ml/transformer/eval/music-stats.ts';
import { RemiTokenizer } from '../../../src/ml/transformer/tokenizers/remi-tokenizer.ts';
import { scaleSeed, tinyConfig } from './helpers.ts';

beforeAll(async () => {
  await initBackend({ prefer: 'wasm' }); // installs the runtime's wasm kernels, as the CLI and app do
});

describe('music statistics', () => {
  it('describes a song: pitch classes, range, intervals and inter-onset intervals of the top line', () => {
    const f = songFeatures(scaleSeed(1));
    expect(f.pitchClasses).toEqual([2, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1]);
    expect(f.pitchRange).toBe(12);
    expect(f.intervals[12 + 2]).toBe(5); // C-D, D-E, F-G, G-A, A-B
    expect(f.intervals[12 + 1]).toBe(2); // E-F, B-C
    expect(f.interOnsets[1]).toBe(7); // eighths = two 16ths
  });

  it('scores a set against itself as 1 and against a disjoint one as 0', () => {
    expect(overlappingArea([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 10);
    expect(overlappingArea([1, 0], [0, 5])).toBe(0);
    const same = compareSets([scaleSeed(2)], [scaleSeed(2)]);
    expect(same.meanOverlap).toBeCloseTo(1, 10);
    const shifted = compareSets([transposeSong(scaleSeed(2), 1)], [scaleSeed(2)]);
    expect(shifted.pitchClassOverlap).toBeLessThan(0.5);
    expect(shifted.intervalOverlap).toBeCloseTo(1, 10);
  });
});

describe('evaluation', () => {
  it('scores every token of the pieces: per-step NLL is the per-token NLL times tokens per step', () => {
    const grid = new GridTokenizer();
    const model = TransformerModel.create(tinyConfig({ vocabSize: grid.vocab.size, tokenizer: grid.config, contextLength: 16 }), 5);
    const pieces = [0, 1, 2].map((k) => ({ name: `p${k}`, ids: grid.encodeSteps(Array.from({ length: 20 + k }, (_, i) => [48 + ((i + k) % 5), 60 + (i % 3)])) }));
    const figures = evaluateNll(model, grid, pieces);
    const tokens = pieces.reduce((n, p) => n + p.ids.length - 1, 0);
    expect(figures.tokens).toBe(tokens);
    expect(figures.units).toBe(63);
    expect(figures.nllPerUnit).toBeCloseTo((figures.nllPerToken * tokens) / 63, 6);
    // an untrained model is close to uniform over the vocabulary
    expect(Math.abs(figures.nllPerToken - Math.log(grid.vocab.size))).toBeLessThan(0.5);
    model.dispose();
  });

  it('compares generated continuations with the real next bars of the same seeds', () => {
    const model = TransformerModel.create(tinyConfig(), 6);
    const study = continuationStudy(model, [scaleSeed(6), scaleSeed(8), scaleSeed(2)], { seedBars: 2, bars: 2, seed: 1 });
    expect(study.songs).toBe(2); // the 2-bar song is too short for seed + continuation
    expect(study.realNotesPerSong).toBe(16);
    expect(study.meanOverlap).toBeGreaterThanOrEqual(0);
    expect(study.meanOverlap).toBeLessThanOrEqual(1);
    model.dispose();
  });

  it('keeps REMI per-note figures per Pitch token', () => {
    const remi = new RemiTokenizer();
    const model = TransformerModel.create(tinyConfig({ contextLength: 24 }), 7);
    const ids = remi.encode(scaleSeed(3), 'melody');
    const figures = evaluateNll(model, remi, [{ name: 'a', ids }]);
    expect(figures.unit).toBe('note');
    expect(figures.units).toBe(24);
    model.dispose();
  });
});
