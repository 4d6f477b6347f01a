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

/** RoPE at some positions: cos/sin [count, headSize] and the rotate-half matrix [headSize, headSize]. */
export interface RopeTables {
  cos: tf.Tensor2D;
  sin: tf.Tensor2D;
  /** x·halfTurn = concat(−x₂, x₁): rotate-half as a product (fast on wasm, and its transpose is its gradient) */
  halfTurn: tf.Tensor2D;
}

export function ropeTables(start: number, count: number, headSize: number): RopeTables {
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
  const turn = new Float32Array(headSize * headSize);
  for (let i = 0; i < half; i++) {
    turn[(i + half) * headSize + i] = -1;
    turn[i * headSize + i + half] = 1;
  }
  return {
    cos: tf.tensor2d(cos, [count, headSize]),
    sin: tf.tensor2d(sin, [count, headSize]),
    halfTurn: tf.tensor2d(turn, [headSize, headSize]),
  };
}

/** Rotates x [time, headSize] (or [n, time, headSize]) by position: x⊙cos + rotateHalf(x)⊙sin. */
export function rotate<T extends tf.Tensor>(x: T, rope: RopeTables): T {
  const headSize = rope.halfTurn.shape[0];
  const turned = tf.reshape(tf.matMul(tf.reshape(x, [-1, headSize]) as tf.Tensor2D, rope.halfTurn), x.shape);
  return tf.add(tf.mul(x, rope.cos), tf.mul(turned, rope.sin)) as T;
}

/** Gradient of `rotate`: g⊙cos + (g⊙sin)·halfTurnᵀ. */
export function unrotate(g: tf.Tensor2D, rope: RopeTables): tf.Tensor2D {
  return tf.add(tf.mul(g, rope.cos), tf.matMul(tf.mul(g, rope.sin) as tf.Tensor2D, tf.transpose(rope.halfTurn))) as tf.Tensor2D;
}
