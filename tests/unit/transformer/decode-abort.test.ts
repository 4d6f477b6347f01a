import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend-node.ts';
import { continueSong, continueSongAsync } from '../../../src/ml/transformer/decode/continue-song.ts';
import { TransformerModel } from '../../../src/ml/transformer/model/model.ts';
import { scaleSeed, tinyConfig } from './helpers.ts';

let model: TransformerModel;

beforeAll(async () => {
  await initBackend({ prefer: 'wasm' });
  model = TransformerModel.create(tinyConfig(), 11);
});
afterAll(() => model.dispose());

const options = { bars: 4, seed: 3, variations: 2 };

describe('cancelling a continuation while it samples', () => {
  it('writes the same songs as the one-go loop when nothing aborts', async () => {
    expect(await continueSongAsync(model, scaleSeed(2), { ...options, sliceMs: 0 })).toEqual(continueSong(model, scaleSeed(2), options));
  });

  it('stops between tokens when an abort arrives through the event loop (as a worker message does), and frees the cache', async () => {
    const controller = new AbortController();
    let steps = 0;
    const tensorsBefore = tf.memory().numTensors;
    const run = continueSongAsync(model, scaleSeed(2), {
      ...options,
      sliceMs: 0,
      signal: controller.signal,
      onProgress: (fraction) => {
        steps += 1;
        // the abort is queued as a task, like a 'cancel' message the worker has yet to read
        if (steps === 3) setTimeout(() => controller.abort(), 0);
        if (fraction >= 1) throw new Error('the loop ran to the end');
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(steps).toBeLessThan(10);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('refuses to start when the signal has aborted already', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(continueSongAsync(model, scaleSeed(2), { ...options, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
