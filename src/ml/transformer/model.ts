import * as tf from '@tensorflow/tfjs';
import { AleaError } from '../../core/errors.ts';
import { embed, matMul2d } from '../runtime/fast-ops.ts';
import { createRng, seedFor } from '../runtime/rng.ts';
import type { LayerKv } from './attention.ts';
import { block, blockStep, type BlockWeights } from './block.ts';
import { parameterCount, type TransformerConfig } from './config.ts';
import { constantVariable, dropout, layerNorm, normalVariable } from './layers.ts';
import { alibiSlopes, attentionBias, ropeTables } from './positional.ts';

/**
 * Decoder-only transformer (GPT-2 layout: pre-norm blocks, final LayerNorm, output projection
 * tied to the token embedding). Weights are plain named variables, saved and loaded through the
 * runtime's model folders.
 */

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
      const p = `block${i}.`;
      return {
        ln1: { gamma: v(`${p}ln1.gamma`) as tf.Tensor1D, beta: v(`${p}ln1.beta`) as tf.Tensor1D },
        attn: { wqkv: v(`${p}attn.wqkv`) as tf.Tensor2D, bqkv: v(`${p}attn.bqkv`) as tf.Tensor1D, wo: v(`${p}attn.wo`) as tf.Tensor2D, bo: v(`${p}attn.bo`) as tf.Tensor1D },
        ln2: { gamma: v(`${p}ln2.gamma`) as tf.Tensor1D, beta: v(`${p}ln2.beta`) as tf.Tensor1D },
        mlp: { w1: v(`${p}mlp.w1`) as tf.Tensor2D, b1: v(`${p}mlp.b1`) as tf.Tensor1D, w2: v(`${p}mlp.w2`) as tf.Tensor2D, b2: v(`${p}mlp.b2`) as tf.Tensor1D },
      };
    });
    v('embedding');
    v('final_ln.gamma');
    v('final_ln.beta');
  }

  /** Shapes of every weight, by name. */
  static weightShapes(config: TransformerConfig): Record<string, number[]> {
    const { dModel: d, dFF: f } = config;
    const shapes: Record<string, number[]> = { embedding: [config.vocabSize, d], 'final_ln.gamma': [d], 'final_ln.beta': [d] };
    for (let i = 0; i < config.layers; i++) {
      const p = `block${i}.`;
      Object.assign(shapes, {
        [`${p}ln1.gamma`]: [d], [`${p}ln1.beta`]: [d], [`${p}ln2.gamma`]: [d], [`${p}ln2.beta`]: [d],
        [`${p}attn.wqkv`]: [d, 3 * d], [`${p}attn.bqkv`]: [3 * d], [`${p}attn.wo`]: [d, d], [`${p}attn.bo`]: [d],
        [`${p}mlp.w1`]: [d, f], [`${p}mlp.b1`]: [f], [`${p}mlp.w2`]: [f, d], [`${p}mlp.b2`]: [d],
      });
    }
    return shapes;
  }

  /** Fresh weights: normal(0, 0.02), residual projections scaled by 1/√(2·layers) (GPT-2). */
  static create(config: TransformerConfig, seed: number): TransformerModel {
    const rng = createRng(`transformer-init:${seed}`);
    const residualStd = 0.02 / Math.sqrt(2 * config.layers);
    const variables: Record<string, tf.Variable> = {};
    for (const [name, shape] of Object.entries(TransformerModel.weightShapes(config))) {
      if (name.endsWith('.gamma')) variables[name] = constantVariable(shape, 1);
      else if (shape.length === 1) variables[name] = constantVariable(shape, 0);
      else variables[name] = normalVariable(shape, /attn\.wo|mlp\.w2/.test(name) ? residualStd : 0.02, rng.fork(name));
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
    let x = dropout(embed(ids, this.variables.embedding as tf.Tensor2D), rate, seed(0)) as tf.Tensor3D; // [B, T, d]
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
    const table = this.variables.embedding as tf.Tensor2D;
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
    let x = embed(tf.reshape(ids, [-1, 1]), this.variables.embedding as tf.Tensor2D) as tf.Tensor3D; // [B, 1, d]
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
    return layerNorm(x, this.variables['final_ln.gamma'] as tf.Tensor1D, this.variables['final_ln.beta'] as tf.Tensor1D);
  }
}
