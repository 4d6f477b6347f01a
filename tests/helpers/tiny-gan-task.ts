import * as tf from '@tensorflow/tfjs';
import { dense } from '../../src/ml/runtime/fast-ops.ts';
import { createRng } from '../../src/ml/runtime/rng.ts';
import type { TrainingTask } from '../../src/ml/runtime/training-types.ts';

/**
 * A two-group task: a tiny GAN on 1-D data (real samples ~ N(3, 0.5)). The generator is
 * a·z + b, the discriminator a one-hidden-layer MLP; each has its own parameter group and loss.
 * Batches are deterministic per step and split into shards by rows, so the trainer's tests can
 * compare one process with worker threads (the worker imports this module).
 */
export interface TinyGanConfig {
  seed: number;
  batch: number;
  hidden: number;
  /** 'within-step': every step updates the discriminator, then the generator; 'across-steps': even steps the discriminator, odd steps the generator */
  alternate: 'within-step' | 'across-steps';
}

export interface GanBatch {
  real: tf.Tensor2D;
  noise: tf.Tensor2D;
}

export const REAL_MEAN = 3;
const REAL_STD = 0.5;

function normals(seed: string, count: number, mean: number, std: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: count }, () => mean + rng.normal() * std);
}

let created = 0;

export async function createTrainingTask(config: unknown): Promise<TrainingTask<GanBatch>> {
  const c = config as TinyGanConfig;
  const id = ++created;
  const variable = (name: string, values: Float32Array, shape: number[]): tf.Variable =>
    tf.tidy(() => tf.variable(tf.tensor(values, shape), true, `gan${c.seed}/${name}/${id}`));
  const variables: Record<string, tf.Variable> = {
    'generator/scale': variable('gs', Float32Array.of(1), [1, 1]),
    'generator/shift': variable('gb', Float32Array.of(0), [1]),
    'discriminator/w1': variable('dw1', normals(`${c.seed}/dw1`, c.hidden, 0, 1), [1, c.hidden]),
    'discriminator/b1': variable('db1', new Float32Array(c.hidden), [c.hidden]),
    'discriminator/w2': variable('dw2', normals(`${c.seed}/dw2`, c.hidden, 0, 1 / Math.sqrt(c.hidden)), [c.hidden, 1]),
    'discriminator/b2': variable('db2', new Float32Array(1), [1]),
  };
  const v = (name: string): tf.Tensor2D => variables[name] as tf.Tensor2D;
  const generate = (noise: tf.Tensor2D): tf.Tensor2D => dense(noise, v('generator/scale'), variables['generator/shift'] as tf.Tensor1D) as tf.Tensor2D;
  const judge = (x: tf.Tensor2D): tf.Tensor2D =>
    dense(tf.tanh(dense(x, v('discriminator/w1'), variables['discriminator/b1'] as tf.Tensor1D)) as tf.Tensor2D, v('discriminator/w2'), variables['discriminator/b2'] as tf.Tensor1D) as tf.Tensor2D;
  const makeBatch = (step: number, shard: number, shardCount: number): GanBatch => {
    const rows = c.batch / shardCount;
    const from = shard * rows;
    const real = normals(`${c.seed}/real/${step}`, c.batch, REAL_MEAN, REAL_STD).subarray(from, from + rows);
    const noise = normals(`${c.seed}/noise/${step}`, c.batch, 0, 1).subarray(from, from + rows);
    return { real: tf.tensor2d(real, [rows, 1]), noise: tf.tensor2d(noise, [rows, 1]) };
  };
  const fixedNoise = tf.tensor2d(normals(`${c.seed}/eval`, 512, 0, 1), [512, 1]);
  return {
    variables,
    groups: [
      { name: 'discriminator', variables: ['discriminator/w1', 'discriminator/b1', 'discriminator/w2', 'discriminator/b2'], lossName: 'discriminator' },
      { name: 'generator', variables: ['generator/scale', 'generator/shift'], lossName: 'generator' },
    ],
    losses: {
      // real → 1, generated → 0 (logistic loss on the logits)
      discriminator: (batch) => tf.add(tf.mean(tf.softplus(tf.neg(judge(batch.real)))), tf.mean(tf.softplus(judge(generate(batch.noise))))) as tf.Scalar,
      // non-saturating generator loss: make the discriminator call generated samples real
      generator: (batch) => tf.mean(tf.softplus(tf.neg(judge(generate(batch.noise))))) as tf.Scalar,
    },
    schedule: (step) => (c.alternate === 'within-step' ? ['discriminator', 'generator'] : [step % 2 === 0 ? 'discriminator' : 'generator']),
    loss: () => {
      throw new Error('the GAN task trains through its groups');
    },
    makeBatch,
    itemsPerBatch: c.batch,
    evaluate: () =>
      tf.tidy(() => {
        const { mean, variance } = tf.moments(generate(fixedNoise));
        return { fakeMean: mean.dataSync()[0], fakeStd: Math.sqrt(variance.dataSync()[0]) };
      }),
    disposeBatch: (batch) => tf.dispose([batch.real, batch.noise]),
    dispose: () => {
      fixedNoise.dispose();
      tf.dispose(Object.values(variables));
    },
  };
}
