import * as tf from '@tensorflow/tfjs';
import { dense } from '../runtime/fast-ops.ts';
import { attentionCore } from './attention-core.ts';
import { rotate, type RopeTables } from './positional.ts';

/** Causal multi-head self-attention: projections around the core (attention-core.ts), and the cached one-token step. */

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
  /** RoPE tables for the query positions, when the model uses RoPE */
  rope?: RopeTables;
  /** residual dropout rate (attention weights themselves are not dropped) */
  dropout: number;
  /** also return this layer's keys/values (to start a generation cache) */
  collectKv?: boolean;
}

/** Keys and values of the positions seen so far, per layer. → [batch·heads, time, headSize] */
export interface LayerKv {
  keys: tf.Tensor3D;
  values: tf.Tensor3D;
}

/** qkv [batch, time, 3·dModel] → k and v as [batch·heads, time, headSize] (k rotated under RoPE) */
function keysAndValues(qkv: tf.Tensor3D, heads: number, rope: RopeTables | undefined): LayerKv {
  const [batch, time, width] = qkv.shape;
  const headSize = width / 3 / heads;
  const grouped = tf.transpose(tf.reshape(qkv, [batch, time, 3 * heads, headSize]), [0, 2, 1, 3]); // [B, 3H, T, hs]
  const part = (i: number): tf.Tensor3D =>
    tf.reshape(tf.slice(grouped, [0, i * heads, 0, 0], [batch, heads, time, headSize]), [batch * heads, time, headSize]);
  const keys = part(1);
  return { keys: rope ? rotate(keys, rope) : keys, values: part(2) };
}

/** Full causal self-attention. x [batch, time, dModel] → y [batch, time, dModel] (+ keys/values when asked). */
export function selfAttention(x: tf.Tensor3D, w: AttentionWeights, ctx: AttentionContext): { y: tf.Tensor3D; kv?: LayerKv } {
  const [batch, time, d] = x.shape;
  const qkv = dense(x, w.wqkv, w.bqkv) as tf.Tensor3D; // [B, T, 3d]
  const attended = attentionCore(tf.reshape(qkv, [batch * time, 3 * d]), { batch, heads: ctx.heads, bias: ctx.bias, rope: ctx.rope }); // [B·T, d]
  const y = tf.reshape(dense(attended, w.wo, w.bo), [batch, time, d]) as tf.Tensor3D;
  return ctx.collectKv ? { y, kv: keysAndValues(qkv, ctx.heads, ctx.rope) } : { y };
}

/**
 * One new position per sequence, attending to the cached keys/values and itself (inference).
 * x [batch, 1, dModel]; ctx.bias [heads or 1, 1, cached + 1]. → y [batch, 1, dModel], grown cache
 */
export function attentionStep(x: tf.Tensor3D, w: AttentionWeights, ctx: AttentionContext, cache: LayerKv): { y: tf.Tensor3D; kv: LayerKv } {
  const [batch, , d] = x.shape;
  const heads = ctx.heads;
  const headSize = d / heads;
  const qkv = dense(x, w.wqkv, w.bqkv) as tf.Tensor3D; // [B, 1, 3d]
  // [B, 1, 3d] is (b, q|k|v, head, hs) in memory: the first `heads` rows of each sequence are q
  const q0 = tf.reshape(tf.slice(tf.reshape(qkv, [batch, 3 * heads, headSize]), [0, 0, 0], [batch, heads, headSize]), [batch * heads, 1, headSize]);
  const q = ctx.rope ? rotate(q0, ctx.rope) : q0;
  const fresh = keysAndValues(qkv, heads, ctx.rope);
  const keys = tf.concat([cache.keys, fresh.keys], 1); // [B·H, t + 1, hs]
  const values = tf.concat([cache.values, fresh.values], 1);
  // one [1 × hs]·[hs × t] product per head: tiny, so the batched form costs nothing here
  const scores = tf.mul(tf.matMul(q, keys, false, true), 1 / Math.sqrt(headSize)); // [B·H, 1, t + 1]
  const biased = tf.add(tf.reshape(scores, [batch, heads, 1, keys.shape[1]]), ctx.bias);
  const probs = tf.reshape(tf.softmax(biased), [batch * heads, 1, keys.shape[1]]) as tf.Tensor3D;
  const y = tf.matMul(probs, values) as tf.Tensor3D; // [B·H, 1, hs]
  const merged = tf.reshape(tf.transpose(tf.reshape(y, [batch, heads, 1, headSize]), [0, 2, 1, 3]), [batch, 1, d]);
  return { y: dense(merged, w.wo, w.bo) as tf.Tensor3D, kv: { keys, values } };
}
