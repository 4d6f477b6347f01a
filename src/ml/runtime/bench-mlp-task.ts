import * as tf from '@tensorflow/tfjs';
import { dense } from './fast-ops.ts';
import { createRng, seedFor } from './rng.ts';
import type { TrainingTask } from './training-types.ts';

/**
 * A synthetic, matmul-heavy training task for benchmarks: residual MLP blocks
 * (d → hidden → d, ReLU) regressing a fixed random target. `createTrainingTask` is the entry a
 * parallel-training worker imports.
 */
export interface BenchMlpConfig {
  seed: number;
  /** rows per step (split between workers) */
  batch: number;
  dModel: number;
  hidden: number;
  blocks: number;
}

export interface BenchMlpBatch {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
}

let instances = 0;

function seeded(seed: string, shape: [number, number], scale: number): tf.Tensor2D {
  const rng = createRng(seed);
  return tf.tensor2d(Float32Array.from({ length: shape[0] * shape[1] }, () => rng.normal() * scale), shape);
}

export async function createTrainingTask(config: unknown): Promise<TrainingTask<BenchMlpBatch>> {
  const c = config as BenchMlpConfig;
  const id = ++instances;
  const variables: Record<string, tf.Variable> = {};
  for (let b = 0; b < c.blocks; b++) {
    variables[`block${b}/up`] = tf.tidy(() => tf.variable(seeded(`${c.seed}/up${b}`, [c.dModel, c.hidden], 1 / Math.sqrt(c.dModel)), true, `benchmlp${id}/up${b}`));
    variables[`block${b}/down`] = tf.tidy(() => tf.variable(seeded(`${c.seed}/down${b}`, [c.hidden, c.dModel], 0.5 / Math.sqrt(c.hidden)), true, `benchmlp${id}/down${b}`));
  }
  const forward = (x: tf.Tensor2D): tf.Tensor2D => {
    let h: tf.Tensor2D = x;
    for (let b = 0; b < c.blocks; b++) {
      const inner = tf.relu(dense(h, variables[`block${b}/up`] as tf.Tensor2D)) as tf.Tensor2D;
      h = tf.add(h, dense(inner, variables[`block${b}/down`] as tf.Tensor2D)) as tf.Tensor2D;
    }
    return h;
  };
  return {
    variables,
    makeBatch: (step, shard, shardCount) => {
      const rows = c.batch / shardCount;
      const normal = (k: number): tf.Tensor2D => tf.randomNormal([rows, c.dModel], 0, 1, 'float32', seedFor(c.seed, step, 2 * shard + k));
      return { x: normal(0), y: normal(1) };
    },
    loss: (batch) => tf.mean(tf.square(tf.sub(forward(batch.x), batch.y))) as tf.Scalar,
    itemsPerBatch: c.batch,
    disposeBatch: (batch) => tf.dispose([batch.x, batch.y]),
    dispose: () => tf.dispose(Object.values(variables)),
  };
}

/** Multiply-adds ×2 of one forward + backward step (3 products per weight). */
export function benchMlpStepFlops(c: BenchMlpConfig): number {
  return 3 * 2 * c.batch * c.dModel * c.hidden * 2 * c.blocks;
}
