import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend-node.ts';
import { DEFAULT_GRID_CONFIG, GridTokenizer } from '../../../src/ml/transformer/tokenizers/grid-tokenizer.ts';
import { TransformerModel } from '../../../src/ml/transformer/model/model.ts';
import { evaluationWindows } from '../../../src/ml/transformer/train/dataset.ts';
import { gridLegalMask } from '../../../src/ml/transformer/train/grid-legal-mask.ts';
import { scoreWindows } from '../../../src/ml/transformer/train/transformer-task.ts';
import type { MusicTokenizer } from '../../../src/ml/transformer/tokenizers/tokenizer.ts';
import { tinyConfig } from './helpers.ts';

beforeAll(async () => {
  await initBackend({ prefer: 'wasm' });
});

const soprano = new GridTokenizer({ ...DEFAULT_GRID_CONFIG, pitchOrder: 'descending' });
const pitch = (t: GridTokenizer, p: number): number => t.vocab.family('Pitch').first + p - t.minPitch;
const row = (t: GridTokenizer, previous: number): Float32Array => gridLegalMask(t, [previous]);

describe('gridLegalMask', () => {
  it('after a pitch allows only pitches further in the order, and StepEnd', () => {
    const after60 = row(soprano, pitch(soprano, 60));
    expect(after60[pitch(soprano, 59)]).toBe(0);
    expect(after60[pitch(soprano, 21)]).toBe(0);
    expect(after60[pitch(soprano, 60)]).toBeLessThan(-1e8);
    expect(after60[pitch(soprano, 61)]).toBeLessThan(-1e8);
    expect(after60[soprano.stepEnd]).toBe(0);
    expect(after60[soprano.eos]).toBeLessThan(-1e8);
    const bass = new GridTokenizer(DEFAULT_GRID_CONFIG);
    expect(row(bass, pitch(bass, 60))[pitch(bass, 61)]).toBe(0);
    expect(row(bass, pitch(bass, 60))[pitch(bass, 59)]).toBeLessThan(-1e8);
  });

  it('after a step or the start allows every pitch, StepEnd and the end, never PAD or BOS', () => {
    for (const previous of [soprano.stepEnd, soprano.bos]) {
      const r = row(soprano, previous);
      expect(r[pitch(soprano, 108)]).toBe(0);
      expect(r[pitch(soprano, 21)]).toBe(0);
      expect(r[soprano.eos]).toBe(0);
      expect(r[soprano.pad]).toBeLessThan(-1e8);
      expect(r[soprano.bos]).toBeLessThan(-1e8);
    }
  });

  it('lowers the scored NLL of real chorale steps, which it never makes impossible', () => {
    const model = TransformerModel.create(tinyConfig({ vocabSize: soprano.vocab.size, tokenizer: soprano.config }), 3);
    const ids = soprano.encodeSteps([[72, 67, 64, 48], [72, 67, 64, 48], [74, 67, 65, 47], [76, 67, 60, 48]]);
    const windows = evaluationWindows(soprano, ids, model.config.contextLength);
    const before = tf.memory().numTensors;
    const masked = scoreWindows(model, soprano, windows);
    // the same windows scored with the grammar hidden: a tokenizer that is not a GridTokenizer
    const plain: MusicTokenizer = { ...soprano, vocab: soprano.vocab, unitFamily: soprano.unitFamily, boundaryFamily: soprano.boundaryFamily, encode: () => [], decode: (x) => soprano.decode(x), cropAt: (x, i) => soprano.cropAt(x, i) };
    const unmasked = scoreWindows(model, plain, windows);
    expect(tf.memory().numTensors).toBe(before);
    expect(Number.isFinite(masked.nll)).toBe(true);
    expect(masked.tokens).toBe(unmasked.tokens);
    expect(masked.nll).toBeLessThan(unmasked.nll - 1);
    model.dispose();
  });
});
