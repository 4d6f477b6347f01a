import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend-node.ts';
import { AleaError } from '../../../src/core/errors.ts';
import { parseTransformerConfig } from '../../../src/ml/transformer/model/config.ts';
import { continueSong } from '../../../src/ml/transformer/decode/continue-song.ts';
import { packWindows } from '../../../src/ml/transformer/train/dataset.ts';
import { GridTokenizer } from '../../../src/ml/transformer/tokenizers/grid-tokenizer.ts';
import { TransformerModel } from '../../../src/ml/transformer/model/model.ts';
import { RemiTokenizer } from '../../../src/ml/transformer/tokenizers/remi-tokenizer.ts';
import { batchLoss } from '../../../src/ml/transformer/train/transformer-task.ts';
import { scaleSeed, tinyConfig } from './helpers.ts';

beforeAll(async () => {
  await initBackend({ prefer: 'wasm' }); // installs the runtime's wasm kernels, as the CLI and app do
});

describe('TransformerModel', () => {
  it('counts its parameters and rebuilds from saved weights with the same outputs, leaving no tensors once disposed', () => {
    const before = tf.memory().numTensors;
    const model = TransformerModel.create(tinyConfig(), 1);
    const total = Object.values(model.variables).reduce((n, v) => n + v.size, 0);
    expect(model.parameterCount()).toBe(total);
    const copy = TransformerModel.fromWeights(model.config, model.weights());
    const ids = tf.tensor2d([[1, 3, 30, 50, 60]], [1, 5], 'int32');
    const a = model.logits(ids);
    const b = copy.logits(ids);
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0])).toBe(0);
    tf.dispose([ids, a, b]);
    model.dispose();
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses weights that do not fit the config, naming the weight', () => {
    const model = TransformerModel.create(tinyConfig(), 1);
    const wider = tinyConfig({ dModel: 48 });
    expect(() => TransformerModel.fromWeights(wider, model.weights())).toThrow(/embedding/);
    model.dispose();
    expect(() => parseTransformerConfig({ ...tinyConfig(), heads: 3 })).toThrow(AleaError);
    expect(() => parseTransformerConfig({ ...tinyConfig(), positional: 'learned' })).toThrow(/positional/);
  });

  it('learns a small batch by heart within 30 steps, and a training step leaks no tensors', () => {
    const tokenizer = new RemiTokenizer();
    const model = TransformerModel.create(tinyConfig({ dropout: 0 }), 2);
    const ids = tokenizer.encode(scaleSeed(4), 'melody').slice(0, 33);
    const batch = packWindows(tokenizer, [{ ids, scoreFrom: 0 }, { ids: ids.slice(4), scoreFrom: 0 }], 32);
    const optimizer = tf.train.adam(3e-3);
    const vars = Object.values(model.variables);
    const losses: number[] = [];
    for (let step = 0; step < 30; step++) {
      const before = tf.memory().numTensors;
      const loss = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => batchLoss(model, batch, { training: true, seed: 1, step }), vars);
        optimizer.applyGradients(Object.keys(grads).map((name) => ({ name, tensor: grads[name] })));
        return value.dataSync()[0];
      });
      // Adam creates its moments on the first step only
      if (step > 0) expect(tf.memory().numTensors).toBe(before);
      losses.push(loss);
    }
    expect(losses[29]).toBeLessThan(losses[0] * 0.5);
    optimizer.dispose();
    model.dispose();
  });

  it('continues a chorale on the quarter-note grid, one bar = four steps', () => {
    const grid = new GridTokenizer();
    const model = TransformerModel.create(tinyConfig({ vocabSize: grid.vocab.size, tokenizer: grid.config, trackSelection: 'all' }), 3);
    const [song] = continueSong(model, scaleSeed(1), { bars: 2, seed: 1, key: { tonic: 0, mode: 'major' } });
    for (const n of song.tracks.flatMap((t) => t.notes)) {
      expect(n.endTick).toBeLessThanOrEqual(2 * 4 * 480);
      expect([0, 2, 4, 5, 7, 9, 11]).toContain(n.pitch % 12);
    }
    model.dispose();
  });
});
