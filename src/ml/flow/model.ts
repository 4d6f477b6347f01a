/**
 * RealNVP, top to bottom. Data z → base u through a fixed standardisation and `couplings`
 * affine coupling layers; each leaves the masked half x_a as it is and moves the other half:
 *   y = x_a + (1 − m) ⊙ (x ⊙ exp(s(x_a)) + t(x_a)),   log|det| = Σ (1 − m) ⊙ s(x_a)
 * and log p(z) = log N(u; 0, I) + Σ log|det|. The inverse runs the layers backwards, so the same
 * weights score a sound and draw new ones.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../runtime/rng.ts';
import { couplingMask, type FlowConfig } from './config.ts';

export type FlowWeights = Record<string, tf.Tensor>;

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** Coupling nets start as the identity (last layer zero), so training starts from the standardised data. */
export function createFlowVariables(config: FlowConfig, seed: number, mean: Float32Array, std: Float32Array): Record<string, tf.Variable> {
  const rng = createRng(`flow-init:${seed}`);
  const vars: Record<string, tf.Variable> = {};
  const matrix = (name: string, rows: number, cols: number, scale: number): void => {
    const v = new Float32Array(rows * cols);
    for (let i = 0; i < v.length; i++) v[i] = rng.normal() * scale;
    vars[name] = tf.tidy(() => tf.variable(tf.tensor2d(v, [rows, cols]), true));
  };
  const vector = (name: string, values: Float32Array, trainable = true): void => {
    vars[name] = tf.tidy(() => tf.variable(tf.tensor1d(values), trainable));
  };
  const { dim, hidden } = config;
  vector('flow.mean', mean, false);
  vector('flow.std', std, false);
  for (let i = 0; i < config.couplings; i++) {
    matrix(`coupling.${i}.0.w`, dim, hidden, Math.sqrt(2 / dim));
    vector(`coupling.${i}.0.b`, new Float32Array(hidden));
    matrix(`coupling.${i}.1.w`, hidden, hidden, Math.sqrt(2 / hidden));
    vector(`coupling.${i}.1.b`, new Float32Array(hidden));
    matrix(`coupling.${i}.2.w`, hidden, 2 * dim, 0);
    vector(`coupling.${i}.2.b`, new Float32Array(2 * dim));
  }
  return vars;
}

/** s and t of coupling i from the unchanged half: [n, dim] each, zero where the mask keeps. */
function scaleShift(weights: FlowWeights, config: FlowConfig, i: number, kept: tf.Tensor2D, inverseMask: tf.Tensor1D): { s: tf.Tensor2D; t: tf.Tensor2D } {
  const w = (k: number, p: 'w' | 'b'): tf.Tensor => weights[`coupling.${i}.${k}.${p}`];
  const h0 = tf.leakyRelu(tf.add(tf.matMul(kept, w(0, 'w') as tf.Tensor2D), w(0, 'b')), 0.1);
  const h1 = tf.leakyRelu(tf.add(tf.matMul(h0 as tf.Tensor2D, w(1, 'w') as tf.Tensor2D), w(1, 'b')), 0.1);
  const out = tf.add(tf.matMul(h1 as tf.Tensor2D, w(2, 'w') as tf.Tensor2D), w(2, 'b')) as tf.Tensor2D; // [n, 2·dim]
  const raw = tf.slice(out, [0, 0], [-1, config.dim]);
  const s = tf.mul(tf.mul(tf.tanh(tf.div(raw, config.maxLogScale)), config.maxLogScale), inverseMask) as tf.Tensor2D;
  const t = tf.mul(tf.slice(out, [0, config.dim], [-1, config.dim]), inverseMask) as tf.Tensor2D;
  return { s, t };
}

/** Latents z [n, dim] → base points u [n, dim] and log|det ∂u/∂z| per row. */
export function flowForward(weights: FlowWeights, config: FlowConfig, z: tf.Tensor2D): { u: tf.Tensor2D; logDet: tf.Tensor1D } {
  const std = weights['flow.std'];
  let x = tf.div(tf.sub(z, weights['flow.mean']), std) as tf.Tensor2D;
  let logDet: tf.Tensor = tf.neg(tf.sum(tf.log(std)));
  for (let i = 0; i < config.couplings; i++) {
    const m = tf.tensor1d(couplingMask(config.dim, i));
    const inverseMask = tf.sub(1, m) as tf.Tensor1D;
    const kept = tf.mul(x, m) as tf.Tensor2D;
    const { s, t } = scaleShift(weights, config, i, kept, inverseMask);
    x = tf.add(kept, tf.mul(inverseMask, tf.add(tf.mul(x, tf.exp(s)), t))) as tf.Tensor2D;
    logDet = tf.add(logDet, tf.sum(s, 1));
  }
  return { u: x, logDet: tf.add(tf.zeros([z.shape[0]]), logDet) as tf.Tensor1D };
}

/** log p(z) per row of z [n, dim] (nats): log N(u; 0, I) + log|det|. */
export function flowLogProb(weights: FlowWeights, config: FlowConfig, z: tf.Tensor2D): tf.Tensor1D {
  const { u, logDet } = flowForward(weights, config, z);
  return tf.add(standardNormalLogProb(u), logDet) as tf.Tensor1D;
}

/** Base points u [n, dim] → latents z [n, dim] (the flow run backwards). */
export function flowInverse(weights: FlowWeights, config: FlowConfig, u: tf.Tensor2D): tf.Tensor2D {
  let y = u;
  for (let i = config.couplings - 1; i >= 0; i--) {
    const m = tf.tensor1d(couplingMask(config.dim, i));
    const inverseMask = tf.sub(1, m) as tf.Tensor1D;
    const kept = tf.mul(y, m) as tf.Tensor2D;
    const { s, t } = scaleShift(weights, config, i, kept, inverseMask);
    y = tf.add(kept, tf.mul(inverseMask, tf.mul(tf.sub(y, t), tf.exp(tf.neg(s))))) as tf.Tensor2D;
  }
  return tf.add(tf.mul(y, weights['flow.std']), weights['flow.mean']) as tf.Tensor2D;
}

/** log N(z; 0, I) per row: the baseline a flow has to beat. */
export function standardNormalLogProb(z: tf.Tensor2D): tf.Tensor1D {
  return tf.sub(tf.mul(-0.5, tf.sum(tf.square(z), 1)), z.shape[1] * HALF_LOG_TWO_PI) as tf.Tensor1D;
}
