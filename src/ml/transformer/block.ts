import * as tf from '@tensorflow/tfjs';
import { dense } from '../runtime/fast-ops.ts';
import { attentionStep, selfAttention, type AttentionContext, type AttentionWeights, type LayerKv } from './attention.ts';
import { dropout, gelu, layerNorm } from './layers.ts';

/** A pre-norm transformer block: x + attn(ln1(x)), then x + mlp(ln2(x)). */

export interface BlockWeights {
  ln1: { gamma: tf.Tensor1D; beta: tf.Tensor1D };
  attn: AttentionWeights;
  ln2: { gamma: tf.Tensor1D; beta: tf.Tensor1D };
  mlp: { w1: tf.Tensor2D; b1: tf.Tensor1D; w2: tf.Tensor2D; b2: tf.Tensor1D };
}

export interface BlockContext extends AttentionContext {
  /** seeds of the two residual dropouts (training only) */
  residualSeeds?: [number, number];
}

function mlp(x: tf.Tensor3D, w: BlockWeights['mlp']): tf.Tensor3D {
  return dense(gelu(dense(x, w.w1, w.b1)), w.w2, w.b2) as tf.Tensor3D; // [B, T, dFF] → [B, T, d]
}

/** x [batch, time, dModel] → [batch, time, dModel], plus this layer's keys/values */
export function block(x: tf.Tensor3D, w: BlockWeights, ctx: BlockContext): { y: tf.Tensor3D; kv?: LayerKv } {
  const seeds = ctx.residualSeeds;
  const attended = selfAttention(layerNorm(x, w.ln1.gamma, w.ln1.beta) as tf.Tensor3D, w.attn, ctx);
  const h = tf.add(x, dropout(attended.y, ctx.dropout, seeds?.[0])) as tf.Tensor3D;
  const y = tf.add(h, dropout(mlp(layerNorm(h, w.ln2.gamma, w.ln2.beta) as tf.Tensor3D, w.mlp), ctx.dropout, seeds?.[1])) as tf.Tensor3D;
  return { y, kv: attended.kv };
}

/** One new position (inference). x [batch, 1, dModel] → [batch, 1, dModel], grown cache */
export function blockStep(x: tf.Tensor3D, w: BlockWeights, ctx: AttentionContext, cache: LayerKv): { y: tf.Tensor3D; kv: LayerKv } {
  const attended = attentionStep(layerNorm(x, w.ln1.gamma, w.ln1.beta) as tf.Tensor3D, w.attn, ctx, cache);
  const h = tf.add(x, attended.y) as tf.Tensor3D;
  const y = tf.add(h, mlp(layerNorm(h, w.ln2.gamma, w.ln2.beta) as tf.Tensor3D, w.mlp)) as tf.Tensor3D;
  return { y, kv: attended.kv };
}
