/** Training the flow prior: maximum likelihood of a VAE's latents, a random batch a step. */
import * as tf from '@tensorflow/tfjs';
import { createRng, seedFor } from '../runtime/rng.ts';
import type { TrainingTask } from '../runtime/training-types.ts';
import type { FlowConfig } from './config.ts';
import { createFlowVariables, flowLogProb } from './model.ts';

export interface Latents {
  /** [count, dim] row-major */
  values: Float32Array;
  count: number;
  dim: number;
}

export function latentRows(latents: Latents, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * latents.dim);
  for (let i = 0; i < rows.length; i++) out.set(latents.values.subarray(rows[i] * latents.dim, (rows[i] + 1) * latents.dim), i * latents.dim);
  return out;
}

/** Per-dimension mean and standard deviation (floored so a dead dimension cannot divide by 0). */
export function latentMoments(latents: Latents): { mean: Float32Array; std: Float32Array } {
  const { dim, count, values } = latents;
  const mean = new Float32Array(dim);
  const std = new Float32Array(dim);
  for (let i = 0; i < count; i++) for (let d = 0; d < dim; d++) mean[d] += values[i * dim + d] / count;
  for (let i = 0; i < count; i++) for (let d = 0; d < dim; d++) std[d] += (values[i * dim + d] - mean[d]) ** 2 / count;
  for (let d = 0; d < dim; d++) std[d] = Math.max(Math.sqrt(std[d]), 1e-3);
  return { mean, std };
}

/**
 * `jitter`: each batch's latents are moved by Gaussian noise of this many per-dimension standard
 * deviations (0: none). A flow fitted to the exact training latents learns their sharp details and
 * then scores sounds from another bank worse than a plain Gaussian does; the noise keeps it smooth.
 */
export function createFlowTrainingTask(
  config: FlowConfig,
  train: Latents,
  batchSize: number,
  seed: number,
  evaluate?: (weights: Record<string, tf.Tensor>) => Record<string, number>,
  jitter = 0,
): TrainingTask<tf.Tensor2D> & { weights: Record<string, tf.Variable> } {
  if (train.count < 2) throw new RangeError('a flow needs at least two latents to learn from');
  const { mean, std } = latentMoments(train);
  const weights = createFlowVariables(config, seed, mean, std);
  const trainable = Object.fromEntries(Object.entries(weights).filter(([, v]) => v.trainable));
  return {
    weights,
    variables: trainable,
    itemsPerBatch: batchSize,
    makeBatch: (step, shard, shardCount) => {
      const rng = createRng(seedFor(seed, step));
      const rows = Array.from({ length: batchSize }, () => rng.int(train.count));
      const per = batchSize / shardCount;
      const mine = rows.slice(shard * per, (shard + 1) * per);
      const values = latentRows(train, mine);
      if (jitter > 0) for (let i = 0; i < values.length; i++) values[i] += jitter * std[i % train.dim] * rng.normal();
      return tf.tensor2d(values, [mine.length, train.dim]);
    },
    // Nats per dimension: comparable across latent sizes.
    loss: (batch) => tf.div(tf.neg(tf.mean(flowLogProb(weights, config, batch))), config.dim) as tf.Scalar,
    evaluate: evaluate ? () => evaluate(weights) : undefined,
    disposeBatch: (batch) => batch.dispose(),
    dispose: () => tf.dispose(Object.values(weights)),
  };
}
