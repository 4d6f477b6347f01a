import * as tf from '@tensorflow/tfjs';
import { customOp } from '../../runtime/custom-op.ts';
import type { Rng } from '../../runtime/rng.ts';

/** Small building blocks of the transformer, each a few tfjs ops (all differentiable on wasm). */

/** LayerNorm over the last axis. x [..., d] → [..., d] */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon = 1e-5): tf.Tensor {
  const mean = tf.mean(x, -1, true);
  const centered = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centered), -1, true);
  return tf.add(tf.mul(tf.mul(centered, tf.rsqrt(tf.add(variance, epsilon))), gamma), beta);
}

const GELU_C = Math.sqrt(2 / Math.PI);

/**
 * GELU, tanh approximation (as in GPT-2), with a closed-form gradient so that the tape keeps
 * only x instead of five [tokens, dFF] intermediates.
 */
export const gelu: (x: tf.Tensor) => tf.Tensor = customOp(([x], save) => {
  save([x]);
  // tanh(u) = 2σ(2u) − 1 and v³ = v·v·v: wasm's Tanh and Pow kernels are 6–15× slower than these
  const tanhOf = (v: tf.Tensor): tf.Tensor => {
    const u = tf.mul(tf.add(v, tf.mul(tf.mul(tf.mul(v, v), v), 0.044715)), GELU_C);
    return tf.sub(tf.mul(tf.sigmoid(tf.mul(u, 2)), 2), 1);
  };
  return {
    value: tf.mul(tf.mul(x, 0.5), tf.add(tanhOf(x), 1)),
    gradFunc: (dy, [sx]) => {
      const t = tanhOf(sx);
      // d/dx = ½(1 + t) + ½x(1 − t²)·c(1 + 3·0.044715·x²)
      const inner = tf.mul(tf.add(tf.mul(tf.square(sx), 3 * 0.044715), 1), GELU_C);
      const slope = tf.add(tf.mul(tf.add(t, 1), 0.5), tf.mul(tf.mul(tf.mul(sx, 0.5), tf.sub(1, tf.square(t))), inner));
      return [tf.mul(dy, slope)];
    },
  };
});

/** Seeded dropout; the identity when `rate` is 0 or no seed is given (inference). */
export function dropout(x: tf.Tensor, rate: number, seed: number | undefined): tf.Tensor {
  return rate > 0 && seed !== undefined ? tf.dropout(x, rate, undefined, seed) : x;
}

/** A variable of normal(0, std) values drawn from `rng` (so weights repeat across platforms). */
export function normalVariable(shape: number[], std: number, rng: Rng): tf.Variable {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = rng.normal() * std;
  // tidy drops the initial tensor's handle; the variable keeps its data
  return tf.tidy(() => tf.variable(tf.tensor(values, shape)));
}

export function constantVariable(shape: number[], value: number): tf.Variable {
  return tf.tidy(() => tf.variable(tf.fill(shape, value)));
}
