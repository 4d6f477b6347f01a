import * as tf from '@tensorflow/tfjs';
import { dense } from '../runtime/fast-ops.ts';
import { attentionCore } from './attention-core.ts';
import { applyRope } from './positional.ts';

/**
 * Causal multi-head self-attention. Heads are folded into the batch ([batch·heads, time,
 * headSize]) so that every product is a plain 2-D matmul on wasm's fast path.
 */

export interface AttentionWeights {
  wqkv: tf.Tensor2D; // [dModel, 3·dModel]
  bqkv: tf.Tensor1D;
  wo: tf.Tensor2D; // [dModel, dModel]
  bo: tf.Tensor1D;
}

export interface AttentionContext {
  heads: number;
  /** additive score bias: causal mask (+ ALiBi) → [heads or 1, queries, keys] */
  bias: tf.Tensor3D;
  /** RoPE tables for the query positions, when the model uses RoPE → [queries, headSize] */
  rope?: { cos: tf.Tensor2D; sin: tf.Tensor2D };
  /** residual dropout rate (attention weights themselves are not dropped: it would cost a [B·H, T, T] mask per layer) */
  dropout: number;
}

/** Keys and values of the positions seen so far, per layer. → [batch·heads, time, headSize] */
export interface LayerKv {
  keys: tf.Tensor3D;
  values: tf.Tensor3D;
}

/** [batch, time, dModel] → q, k, v each [batch·heads, time, headSize] */
function splitHeads(x: tf.Tensor3D, w: AttentionWeights, heads: number): [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D] {
  const [batch, time, d] = x.shape;
  const headSize = d / heads;
  const qkv = tf.reshape(dense(x, w.wqkv, w.bqkv), [batch, time, 3, heads, headSize]);
  const byKind = tf.reshape(tf.transpose(qkv, [2, 0, 3, 1, 4]), [3, batch * heads, time, headSize]); // [3, B·H, T, hs]
  const [q, k, v] = tf.unstack(byKind) as tf.Tensor3D[];
  return [q, k, v];
}

/** [batch·heads, time, headSize] → [batch, time, dModel] → output projection */
function mergeHeads(y: tf.Tensor3D, w: AttentionWeights, batch: number, heads: number): tf.Tensor3D {
  const [, time, headSize] = y.shape;
  const merged = tf.reshape(tf.transpose(tf.reshape(y, [batch, heads, time, headSize]), [0, 2, 1, 3]), [batch, time, heads * headSize]);
  return dense(merged, w.wo, w.bo) as tf.Tensor3D;
}

/** softmax(scores + bias) with scores [batch·heads, q, k] and bias [heads or 1, q, k] */
function attentionWeights(scores: tf.Tensor3D, bias: tf.Tensor3D, batch: number, heads: number): tf.Tensor3D {
  const [, queries, keys] = scores.shape;
  const biased = tf.add(tf.reshape(scores, [batch, heads, queries, keys]), bias); // [B, H, q, k]
  return tf.reshape(tf.softmax(biased), [batch * heads, queries, keys]);
}

/** Full causal self-attention. x [batch, time, dModel] → y [batch, time, dModel], plus the keys/values. */
export function selfAttention(x: tf.Tensor3D, w: AttentionWeights, ctx: AttentionContext): { y: tf.Tensor3D; kv: LayerKv } {
  const batch = x.shape[0];
  let [q, k, v] = splitHeads(x, w, ctx.heads); // [B·H, T, hs]
  if (ctx.rope) {
    q = applyRope(q, ctx.rope.cos, ctx.rope.sin) as tf.Tensor3D;
    k = applyRope(k, ctx.rope.cos, ctx.rope.sin) as tf.Tensor3D;
  }
  const y = attentionCore(q, k, v, ctx.bias, ctx.heads); // [B·H, T, hs]
  return { y: mergeHeads(y, w, batch, ctx.heads), kv: { keys: k, values: v } };
}

/**
 * One new position per sequence, attending to the cached keys/values and itself (inference).
 * x [batch, 1, dModel]; ctx.bias [heads or 1, 1, cached + 1]. → y [batch, 1, dModel], grown cache
 */
export function attentionStep(x: tf.Tensor3D, w: AttentionWeights, ctx: AttentionContext, cache: LayerKv): { y: tf.Tensor3D; kv: LayerKv } {
  const batch = x.shape[0];
  let [q, k, v] = splitHeads(x, w, ctx.heads); // [B·H, 1, hs]
  if (ctx.rope) {
    q = applyRope(q, ctx.rope.cos, ctx.rope.sin) as tf.Tensor3D;
    k = applyRope(k, ctx.rope.cos, ctx.rope.sin) as tf.Tensor3D;
  }
  const keys = tf.concat([cache.keys, k], 1); // [B·H, t + 1, hs]
  const values = tf.concat([cache.values, v], 1);
  const scale = 1 / Math.sqrt(q.shape[2]);
  // a [1 × hs]·[hs × t] product per head: tiny, so the batched form costs nothing here
  const scores = tf.mul(tf.matMul(q, keys, false, true), scale) as tf.Tensor3D; // [B·H, 1, t + 1]
  const probs = attentionWeights(scores, ctx.bias, batch, ctx.heads);
  const y = tf.matMul(probs, values) as tf.Tensor3D; // [B·H, 1, hs]
  return { y: mergeHeads(y, w, batch, ctx.heads), kv: { keys, values } };
}
