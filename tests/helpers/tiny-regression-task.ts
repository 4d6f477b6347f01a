import * as tf from '@tensorflow/tfjs';
import { dense } from '../../src/ml/runtime/fast-ops.ts';
import { createRng, seedFor } from '../../src/ml/runtime/rng.ts';
import type { TrainingTask } from '../../src/ml/runtime/training-types.ts';

/**
 * A small two-layer MLP learning a fixed random teacher: deterministic batches per step,
 * split into shards by rows. Used by the training-loop and parallel-training tests (the worker
 * imports this module and calls `createTrainingTask`).
 */
export interface TinyTaskConfig {
  seed: number;
  inputs: number;
  hidden: number;
  batch: number;
  /** dropout rate in training (masks from seedFor(seed, step)) */
  dropout?: number;
}

export interface TinyBatch {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
}

function randomMatrix(seed: string, rows: number, cols: number, scale: number): tf.Tensor2D {
  const rng = createRng(seed);
  const values = Float32Array.from({ length: rows * cols }, () => rng.normal() * scale);
  return tf.tensor2d(values, [rows, cols]);
}

let created = 0;

export async function createTrainingTask(config: unknown): Promise<TrainingTask<TinyBatch>> {
  const c = config as TinyTaskConfig;
  const teacher = randomMatrix(`${c.seed}/teacher`, c.inputs, 1, 1);
  const variables: Record<string, tf.Variable> = tf.tidy(() => ({
    'layer1/kernel': tf.variable(randomMatrix(`${c.seed}/w1`, c.inputs, c.hidden, 1 / Math.sqrt(c.inputs)), true, `tiny${c.seed}/w1/${++created}`),
    'layer1/bias': tf.variable(tf.zeros([c.hidden]), true, `tiny${c.seed}/b1/${++created}`),
    'layer2/kernel': tf.variable(randomMatrix(`${c.seed}/w2`, c.hidden, 1, 1 / Math.sqrt(c.hidden)), true, `tiny${c.seed}/w2/${++created}`),
    'layer2/bias': tf.variable(tf.zeros([1]), true, `tiny${c.seed}/b2/${++created}`),
  }));
  const makeBatch = (step: number, shard: number, shardCount: number): TinyBatch => {
    const rows = c.batch / shardCount;
    const all = randomMatrix(`${c.seed}/data/${step}`, c.batch, c.inputs, 1);
    return tf.tidy(() => {
      const x = tf.slice(all, [shard * rows, 0], [rows, c.inputs]);
      all.dispose();
      return { x, y: tf.sin(tf.matMul(x, teacher)) as tf.Tensor2D };
    });
  };
  const forward = (x: tf.Tensor2D, training: boolean, step: number): tf.Tensor => {
    let h = tf.tanh(dense(x, variables['layer1/kernel'] as tf.Tensor2D, variables['layer1/bias'] as tf.Tensor1D));
    if (training && c.dropout) h = tf.dropout(h, c.dropout, undefined, seedFor(c.seed, step));
    return dense(h, variables['layer2/kernel'] as tf.Tensor2D, variables['layer2/bias'] as tf.Tensor1D);
  };
  return {
    variables,
    makeBatch,
    loss: (batch, training, step) => tf.mean(tf.square(tf.sub(forward(batch.x, training, step), batch.y))) as tf.Scalar,
    itemsPerBatch: c.batch,
    evaluate: () =>
      tf.tidy(() => {
        const batch = makeBatch(1_000_000, 0, 1);
        const value = tf.mean(tf.square(tf.sub(forward(batch.x, false, 0), batch.y))).dataSync()[0];
        return { valMse: value };
      }),
    disposeBatch: (batch) => tf.dispose([batch.x, batch.y]),
    dispose: () => {
      teacher.dispose();
      tf.dispose(Object.values(variables));
    },
  };
}
