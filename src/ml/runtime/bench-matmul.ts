import * as tf from '@tensorflow/tfjs';
import { matMul2d } from './matmul-ops.ts';

/**
 * Measurements for `alea bench` (functions only; the CLI prints). Each keeps itself to a few
 * seconds and puts the previously active backend back.
 */

export interface MatmulFigure {
  backend: string;
  n: number;
  ms: number;
  gflops: number;
}

export interface TrainingStepFigure {
  /** one forward + backward step with matMul2d (explicit transposes, fast path) */
  customMs: number;
  /** the same step with tf.matMul (its gradient uses the transposed forms) */
  tfjsMs: number;
  /** tfjsMs / customMs */
  ratio: number;
  /** GFLOP/s of the matMul2d step */
  gflops: number;
}

/** Fastest of a few runs of `fn` (at least one, at most `maxRuns`, within ~`budgetMs`). */
function fastestMs(fn: () => void, maxRuns: number, budgetMs: number): number {
  let best = Number.POSITIVE_INFINITY;
  const began = performance.now();
  for (let i = 0; i < maxRuns; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
    if (performance.now() - began > budgetMs) break;
  }
  return best;
}

async function withBackend<T>(name: string, fn: () => T): Promise<T> {
  const previous = tf.getBackend();
  if (previous !== name && !(await tf.setBackend(name))) throw new Error(`backend ${name} is not available`);
  try {
    return fn();
  } finally {
    if (previous !== name) await tf.setBackend(previous);
  }
}

/** GFLOP/s of an n×n by n×n product on `backend` ('wasm', 'cpu', …; it must be registered). */
export async function benchMatmulGflops(backend: string, n = 512): Promise<MatmulFigure> {
  return withBackend(backend, () => {
    const a = tf.randomNormal([n, n], 0, 1, 'float32', 1) as tf.Tensor2D;
    const b = tf.randomNormal([n, n], 0, 1, 'float32', 2) as tf.Tensor2D;
    const product = (): void => {
      // Not tf.tidy(() => ….dataSync()): tidy walks a returned typed array element by element.
      const c = tf.matMul(a, b);
      c.dataSync();
      c.dispose();
    };
    product();
    const ms = fastestMs(product, 5, 2000);
    tf.dispose([a, b]);
    return { backend, n, ms, gflops: (2 * n ** 3) / (ms * 1e6) };
  });
}

/**
 * A training step of an attention-free transformer block (x + W2·relu(W1·x), by default batch
 * 16 × 128 tokens, d = 256, hidden 4·d) on the active backend, with matMul2d against tf.matMul.
 */
export function benchTrainingStepMatmul(size: { rows?: number; dModel?: number } = {}): TrainingStepFigure {
  const rows = size.rows ?? 16 * 128;
  const d = size.dModel ?? 256;
  const hidden = 4 * d;
  const x = tf.randomNormal([rows, d], 0, 1, 'float32', 3) as tf.Tensor2D;
  const w1 = tf.tidy(() => tf.variable(tf.randomNormal([d, hidden], 0, 1 / Math.sqrt(d), 'float32', 4)));
  const w2 = tf.tidy(() => tf.variable(tf.randomNormal([hidden, d], 0, 1 / Math.sqrt(hidden), 'float32', 5)));
  const step = (mm: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D) => (): void => {
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const y = tf.add(x, mm(tf.relu(mm(x, w1 as tf.Tensor2D)), w2 as tf.Tensor2D));
        return tf.mean(tf.square(y)) as tf.Scalar;
      }, [w1, w2]);
      value.dataSync();
      Object.values(grads).forEach((g) => g.dataSync());
    });
  };
  const custom = step(matMul2d);
  custom();
  const customMs = fastestMs(custom, 3, 3000);
  // The tfjs path is 10–40× slower on wasm: one timed run keeps the bench short.
  const tfjsMs = fastestMs(step((a, b) => tf.matMul(a, b)), 1, 0);
  tf.dispose([x, w1, w2]);
  const flops = 3 * 2 * rows * d * hidden * 2;
  return { customMs, tfjsMs, ratio: tfjsMs / customMs, gflops: flops / (customMs * 1e6) };
}
