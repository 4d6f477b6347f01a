import * as tf from '@tensorflow/tfjs';

/**
 * Position information for attention. ALiBi adds a per-head linear distance penalty to the
 * scores; RoPE rotates query/key pairs by position. ALiBi keeps working on sequences longer than
 * the training window, which continuing a long seed needs; RoPE is kept for comparison.
 */

const MASKED = -1e9;

/** ALiBi slopes 2^(-8h/H), h = 1..H (geometric, as in Press et al. 2022). */
export function alibiSlopes(heads: number): number[] {
  return Array.from({ length: heads }, (_, h) => Math.pow(2, (-8 * (h + 1)) / heads));
}

/**
 * Additive score bias for queries at positions [queryStart, queryStart + queries) over keys
 * 0..keys-1: the causal mask, plus ALiBi's distance penalty when `slopes` are given.
 * → [heads or 1, queries, keys]
 */
export function attentionBias(queries: number, keys: number, queryStart: number, slopes: number[] | null): tf.Tensor3D {
  const heads = slopes === null ? 1 : slopes.length;
  const values = new Float32Array(heads * queries * keys);
  for (let h = 0; h < heads; h++) {
    const slope = slopes === null ? 0 : slopes[h];
    for (let i = 0; i < queries; i++) {
      const position = queryStart + i;
      for (let j = 0; j < keys; j++) {
        values[(h * queries + i) * keys + j] = j > position ? MASKED : -slope * (position - j);
      }
    }
  }
  return tf.tensor3d(values, [heads, queries, keys]);
}

/** cos and sin tables for RoPE at positions [start, start + count). → two [count, headSize] */
export function ropeTables(start: number, count: number, headSize: number): { cos: tf.Tensor2D; sin: tf.Tensor2D } {
  const half = headSize / 2;
  const cos = new Float32Array(count * headSize);
  const sin = new Float32Array(count * headSize);
  for (let p = 0; p < count; p++) {
    for (let k = 0; k < half; k++) {
      const angle = (start + p) * Math.pow(10000, (-2 * k) / headSize);
      for (const i of [k, k + half]) {
        cos[p * headSize + i] = Math.cos(angle);
        sin[p * headSize + i] = Math.sin(angle);
      }
    }
  }
  return { cos: tf.tensor2d(cos, [count, headSize]), sin: tf.tensor2d(sin, [count, headSize]) };
}

/** Rotates x [..., time, headSize] by the tables (rotate-half form). */
export function applyRope(x: tf.Tensor, cos: tf.Tensor2D, sin: tf.Tensor2D): tf.Tensor {
  const half = x.shape[x.shape.length - 1] / 2;
  const [first, second] = tf.split(x, [half, half], -1);
  const rotated = tf.concat([tf.neg(second), first], -1);
  return tf.add(tf.mul(x, cos), tf.mul(rotated, sin));
}
