import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { infillNll } from '../../../src/ml/transformer/eval/infill-nll.ts';
import { TransformerModel } from '../../../src/ml/transformer/model/model.ts';
import { RemiTokenizer } from '../../../src/ml/transformer/tokenizers/remi-tokenizer.ts';
import { DEFAULT_REMI_CONFIG, buildRemiVocab } from '../../../src/ml/transformer/tokenizers/remi-vocab.ts';
import { scaleSeed, tinyConfig } from './helpers.ts';

const INFILL = { ...DEFAULT_REMI_CONFIG, infill: true };

describe('infill NLL against left to right', () => {
  let model: TransformerModel;
  beforeAll(() => {
    model = TransformerModel.create(tinyConfig({ vocabSize: buildRemiVocab(INFILL).size, tokenizer: INFILL, contextLength: 96 }), 9);
  });
  afterAll(() => model.dispose());

  it('scores the same middle notes in both layouts, skips pieces too short, and frees its tensors', () => {
    const tokenizer = new RemiTokenizer(INFILL);
    const pieces = [
      { name: 'long', ids: tokenizer.encode(scaleSeed(5), 'all') },
      { name: 'short', ids: tokenizer.encode(scaleSeed(3), 'all') },
    ];
    const before = tf.memory().numTensors;
    const figures = infillNll(model, tokenizer, pieces, { beforeBars: 2, middleBars: 1, afterBars: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(figures.infillPieces).toBe(1);
    expect(figures.infillNotes).toBe(8); // a bar of eighths
    expect(Number.isFinite(figures.infillNllPerNote) && figures.infillNllPerNote > 0).toBe(true);
    expect(Number.isFinite(figures.leftToRightNllPerNote) && figures.leftToRightNllPerNote > 0).toBe(true);
  });

  it('refuses a model with no infill marks', () => {
    expect(() => infillNll(model, new RemiTokenizer(), [], { beforeBars: 1, middleBars: 1, afterBars: 1 })).toThrow(/no infill marks/);
  });
});
