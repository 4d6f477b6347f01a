import * as tf from '@tensorflow/tfjs';
import { AleaError } from '../../../core/errors.ts';
import { dense, embed, matMul2d } from '../../runtime/fast-ops.ts';
import { createRng, seedFor } from '../../runtime/rng.ts';
import { attentionCore } from './attention-core.ts';
import { parameterCount, type TransformerConfig } from './config.ts';
import { constantVariable, dropout, gelu, layerNorm, normalVariable } from './layers.ts';
import { alibiSlopes, attentionBias, ropeTables, rotate, type RopeTables } from './positional.ts';

/**
 * The Continue model's forward pass, top to bottom: attention → Block → TransformerModel.
 * Decoder-only transformer (GPT-2 layout: pre-norm blocks, final LayerNorm, output projection
 * tied to the token embedding). Weights are plain named variables, saved and loaded through the
 * runtime's model folders. Hyperparameters: config.ts; the fused attention kernel: attention-core.ts.
 */

// ---- Attention: causal multi-head self-attention (projections around attention-core.ts) and the cached one-token step

interface AttentionWeights {
  wqkv: tf.Tensor2D; // [dModel, 3·dModel]
  bqkv: tf.Tensor1D;
  wo: tf.Tensor2D; // [dModel, dModel]
  bo: tf.Tensor1D;
}

interface AttentionContext {
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
function selfAttention(x: tf.Tensor3D, w: AttentionWeights, ctx: AttentionContext): { y: tf.Tensor3D; kv?: LayerKv } {
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
function attentionStep(x: tf.Tensor3D, w: AttentionWeights, ctx: AttentionContext, cache: LayerKv): { y: tf.Tensor3D; kv: LayerKv } {
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

// ---- Block: pre-norm, x + attn(ln1(x)), then x + mlp(ln2(x))

interface BlockWeights {
  ln1: { gamma: tf.Tensor1D; beta: tf.Tensor1D };
  attn: AttentionWeights;
  ln2: { gamma: tf.Tensor1D; beta: tf.Tensor1D };
  mlp: { w1: tf.Tensor2D; b1: tf.Tensor1D; w2: tf.Tensor2D; b2: tf.Tensor1D };
}

interface BlockContext extends AttentionContext {
  /** seeds of the two residual dropouts (training only) */
  residualSeeds?: [number, number];
}

function mlp(x: tf.Tensor3D, w: BlockWeights['mlp']): tf.Tensor3D {
  return dense(gelu(dense(x, w.w1, w.b1)), w.w2, w.b2) as tf.Tensor3D; // [B, T, dFF] → [B, T, d]
}

/** x [batch, time, dModel] → [batch, time, dModel], plus this layer's keys/values */
function block(x: tf.Tensor3D, w: BlockWeights, ctx: BlockContext): { y: tf.Tensor3D; kv?: LayerKv } {
  const seeds = ctx.residualSeeds;
  const attended = selfAttention(layerNorm(x, w.ln1.gamma, w.ln1.beta) as tf.Tensor3D, w.attn, ctx);
  const h = tf.add(x, dropout(attended.y, ctx.dropout, seeds?.[0])) as tf.Tensor3D;
  const y = tf.add(h, dropout(mlp(layerNorm(h, w.ln2.gamma, w.ln2.beta) as tf.Tensor3D, w.mlp), ctx.dropout, seeds?.[1])) as tf.Tensor3D;
  return { y, kv: attended.kv };
}

/** One new position (inference). x [batch, 1, dModel] → [batch, 1, dModel], grown cache */
function blockStep(x: tf.Tensor3D, w: BlockWeights, ctx: AttentionContext, cache: LayerKv): { y: tf.Tensor3D; kv: LayerKv } {
  const attended = attentionStep(layerNorm(x, w.ln1.gamma, w.ln1.beta) as tf.Tensor3D, w.attn, ctx, cache);
  const h = tf.add(x, attended.y) as tf.Tensor3D;
  const y = tf.add(h, mlp(layerNorm(h, w.ln2.gamma, w.ln2.beta) as tf.Tensor3D, w.mlp)) as tf.Tensor3D;
  return { y, kv: attended.kv };
}

// ---- Weight names: the one place they are spelled (model folders, checkpoints and the SIMD
// decoder's packing all key weights by these names)

/** A block's weights by role, in the order they are created and saved. */
export const BLOCK_WEIGHT_ROLES = ['ln1Gamma', 'ln1Beta', 'ln2Gamma', 'ln2Beta', 'wqkv', 'bqkv', 'wo', 'bo', 'w1', 'b1', 'w2', 'b2'] as const;
export type BlockWeightRole = (typeof BLOCK_WEIGHT_ROLES)[number];
const BLOCK_WEIGHT_SUFFIX: Record<BlockWeightRole, string> = {
  ln1Gamma: 'ln1.gamma', ln1Beta: 'ln1.beta', ln2Gamma: 'ln2.gamma', ln2Beta: 'ln2.beta',
  wqkv: 'attn.wqkv', bqkv: 'attn.bqkv', wo: 'attn.wo', bo: 'attn.bo',
  w1: 'mlp.w1', b1: 'mlp.b1', w2: 'mlp.w2', b2: 'mlp.b2',
};
/** The weights outside the blocks. */
export const MODEL_WEIGHT_NAMES = { embedding: 'embedding', finalGamma: 'final_ln.gamma', finalBeta: 'final_ln.beta' } as const;

/** Saved name of layer `layer`'s weight `role`, e.g. block0.attn.wqkv. */
export function blockWeightName(layer: number, role: BlockWeightRole): string {
  return `block${layer}.${BLOCK_WEIGHT_SUFFIX[role]}`;
}

/** Shapes of a block's weights (matrices in tfjs layout [in, out]). */
export function blockWeightShapes(config: Pick<TransformerConfig, 'dModel' | 'dFF'>): Record<BlockWeightRole, number[]> {
  const { dModel: d, dFF: f } = config;
  return {
    ln1Gamma: [d], ln1Beta: [d], ln2Gamma: [d], ln2Beta: [d],
    wqkv: [d, 3 * d], bqkv: [3 * d], wo: [d, d], bo: [d],
    w1: [d, f], b1: [f], w2: [f, d], b2: [d],
  };
}

interface WeightEntry {
  name: string;
  shape: number[];
  role: BlockWeightRole | keyof typeof MODEL_WEIGHT_NAMES;
}

/** Every weight of a model with this config, in creation and save order. */
function weightEntries(config: TransformerConfig): WeightEntry[] {
  const d = config.dModel;
  const entries: WeightEntry[] = [
    { name: MODEL_WEIGHT_NAMES.embedding, shape: [config.vocabSize, d], role: 'embedding' },
    { name: MODEL_WEIGHT_NAMES.finalGamma, shape: [d], role: 'finalGamma' },
    { name: MODEL_WEIGHT_NAMES.finalBeta, shape: [d], role: 'finalBeta' },
  ];
  const shapes = blockWeightShapes(config);
  for (let i = 0; i < config.layers; i++) {
    for (const role of BLOCK_WEIGHT_ROLES) entries.push({ name: blockWeightName(i, role), shape: shapes[role], role });
  }
  return entries;
}

// ---- Model: embedding → blocks → final LayerNorm → tied output projection

export interface ForwardOptions {
  /** dropout on (needs `seed`) */
  training?: boolean;
  /** base seed of the dropout masks; with `step`, each mask is seedFor(seed, step, site) */
  seed?: number;
  step?: number;
  /** also return every layer's keys/values (to start a generation cache) */
  collectKv?: boolean;
}

export class TransformerModel {
  readonly config: TransformerConfig;
  readonly variables: Record<string, tf.Variable>;
  private readonly blocks: BlockWeights[];
  private readonly slopes: number[] | null;

  private constructor(config: TransformerConfig, variables: Record<string, tf.Variable>) {
    this.config = config;
    this.variables = variables;
    this.slopes = config.positional === 'alibi' ? alibiSlopes(config.heads) : null;
    const v = (name: string): tf.Variable => {
      const found = variables[name];
      if (found === undefined) throw new AleaError('model', `the weights lack '${name}'`);
      return found;
    };
    this.blocks = Array.from({ length: config.layers }, (_, i) => {
      const vector = (role: BlockWeightRole): tf.Tensor1D => v(blockWeightName(i, role)) as tf.Tensor1D;
      const matrix = (role: BlockWeightRole): tf.Tensor2D => v(blockWeightName(i, role)) as tf.Tensor2D;
      return {
        ln1: { gamma: vector('ln1Gamma'), beta: vector('ln1Beta') },
        attn: { wqkv: matrix('wqkv'), bqkv: vector('bqkv'), wo: matrix('wo'), bo: vector('bo') },
        ln2: { gamma: vector('ln2Gamma'), beta: vector('ln2Beta') },
        mlp: { w1: matrix('w1'), b1: vector('b1'), w2: matrix('w2'), b2: vector('b2') },
      };
    });
    Object.values(MODEL_WEIGHT_NAMES).forEach(v);
  }

  /** Shapes of every weight, by name. */
  static weightShapes(config: TransformerConfig): Record<string, number[]> {
    return Object.fromEntries(weightEntries(config).map((e) => [e.name, e.shape]));
  }

  /** Fresh weights: normal(0, 0.02), residual projections scaled by 1/√(2·layers) (GPT-2). */
  static create(config: TransformerConfig, seed: number): TransformerModel {
    const rng = createRng(`transformer-init:${seed}`);
    const residualStd = 0.02 / Math.sqrt(2 * config.layers);
    const gains = new Set<WeightEntry['role']>(['ln1Gamma', 'ln2Gamma', 'finalGamma']);
    const variables: Record<string, tf.Variable> = {};
    for (const { name, shape, role } of weightEntries(config)) {
      if (gains.has(role)) variables[name] = constantVariable(shape, 1);
      else if (shape.length === 1) variables[name] = constantVariable(shape, 0);
      else variables[name] = normalVariable(shape, role === 'wo' || role === 'w2' ? residualStd : 0.02, rng.fork(name));
    }
    return new TransformerModel(config, variables);
  }

  /** A model from saved weights (copied; the caller keeps owning `weights`). */
  static fromWeights(config: TransformerConfig, weights: Record<string, tf.Tensor>): TransformerModel {
    const variables: Record<string, tf.Variable> = {};
    try {
      for (const [name, shape] of Object.entries(TransformerModel.weightShapes(config))) {
        const w = weights[name];
        if (w === undefined) throw new AleaError('model', `the weights lack '${name}'`);
        if (w.shape.join('x') !== shape.join('x')) {
          throw new AleaError('model', `weight '${name}' has shape [${w.shape.join(', ')}], config.json says [${shape.join(', ')}]`);
        }
        variables[name] = tf.tidy(() => tf.variable(w.toFloat())); // tidy drops the cast's handle; the variable keeps the data
      }
    } catch (error) {
      tf.dispose(Object.values(variables));
      throw error;
    }
    return new TransformerModel(config, variables);
  }

  parameterCount(): number {
    return parameterCount(this.config);
  }

  /** ids [batch, time] int32 → final hidden states [batch, time, dModel] (and each layer's keys/values when asked). */
  hidden(ids: tf.Tensor2D, options: ForwardOptions = {}): { h: tf.Tensor3D; kv: LayerKv[] } {
    const [, time] = ids.shape;
    const { heads, dropout: rate } = this.config;
    const train = options.training === true && options.seed !== undefined && rate > 0;
    const seed = (k: number): number | undefined => (train ? seedFor(options.seed ?? 0, options.step ?? 0, k) : undefined);
    const bias = attentionBias(time, time, 0, this.slopes);
    const rope = this.slopes === null ? ropeTables(0, time, this.config.dModel / heads) : undefined;
    let x = dropout(embed(ids, this.variables[MODEL_WEIGHT_NAMES.embedding] as tf.Tensor2D), rate, seed(0)) as tf.Tensor3D; // [B, T, d]
    const kv: LayerKv[] = [];
    this.blocks.forEach((w, i) => {
      const out = block(x, w, {
        heads, bias, rope, dropout: train ? rate : 0, collectKv: options.collectKv,
        residualSeeds: train ? [seed(3 * i + 2) ?? 0, seed(3 * i + 3) ?? 0] : undefined,
      });
      x = out.y;
      if (out.kv) kv.push(out.kv);
    });
    return { h: this.finalNorm(x) as tf.Tensor3D, kv };
  }

  /** ids [batch, time] → logits [batch, time, vocab] */
  logits(ids: tf.Tensor2D, options: ForwardOptions = {}): tf.Tensor3D {
    return tf.tidy(() => this.project(this.hidden(ids, options).h) as tf.Tensor3D);
  }

  /** Hidden states [..., dModel] → logits [..., vocab] through the tied embedding. */
  project(h: tf.Tensor): tf.Tensor {
    const d = this.config.dModel;
    const table = this.variables[MODEL_WEIGHT_NAMES.embedding] as tf.Tensor2D;
    const flat = matMul2d(tf.reshape(h, [-1, d]) as tf.Tensor2D, tf.transpose(table)); // [N, vocab]
    return tf.reshape(flat, [...h.shape.slice(0, -1), this.config.vocabSize]);
  }

  /**
   * One new token per sequence at `position`, given the keys/values of positions 0..position-1.
   * ids [batch] int32 → logits [batch, vocab] and the grown cache (the caller disposes the old one).
   */
  step(ids: tf.Tensor1D, position: number, cache: readonly LayerKv[]): { logits: tf.Tensor2D; kv: LayerKv[] } {
    const heads = this.config.heads;
    const bias = attentionBias(1, position + 1, position, this.slopes);
    const rope = this.slopes === null ? ropeTables(position, 1, this.config.dModel / heads) : undefined;
    let x = embed(tf.reshape(ids, [-1, 1]), this.variables[MODEL_WEIGHT_NAMES.embedding] as tf.Tensor2D) as tf.Tensor3D; // [B, 1, d]
    const kv: LayerKv[] = [];
    this.blocks.forEach((w, i) => {
      const out = blockStep(x, w, { heads, bias, rope, dropout: 0 }, cache[i]);
      x = out.y;
      kv.push(out.kv);
    });
    const logits = tf.reshape(this.project(this.finalNorm(x)), [ids.shape[0], this.config.vocabSize]) as tf.Tensor2D;
    return { logits, kv };
  }

  /** The weights as plain tensors by name (for saving; the variables themselves). */
  weights(): Record<string, tf.Tensor> {
    return { ...this.variables };
  }

  dispose(): void {
    tf.dispose(Object.values(this.variables));
  }

  private finalNorm(x: tf.Tensor): tf.Tensor {
    return layerNorm(x, this.variables[MODEL_WEIGHT_NAMES.finalGamma] as tf.Tensor1D, this.variables[MODEL_WEIGHT_NAMES.finalBeta] as tf.Tensor1D);
  }
}
