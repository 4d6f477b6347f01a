/**
 * The style GAN, top to bottom. Spectrograms are [batch, frames, nMels] normalised log-mel
 * features; mel bins are the channels of 1-D convolutions in time (shifted 2-D products, fast on
 * wasm). The target style enters as a one-hot row times a table, added to every layer.
 *
 *   generator:      x ─conv k5─▶ relu(+style) ─▶ [h + conv1(relu(conv3_dil(h) + style))] × blocks
 *                     ─conv k5─▶ Δ;   G(x, s) = x + Δ   (doing nothing is the starting point)
 *   discriminator:  y ─conv k5─▶ lrelu ─▶ [conv3_dil ─▶ lrelu] × layers ─▶ h [frames, C]
 *                   D(y, s) per frame = h·w + ⟨h, E s⟩   (a projection discriminator: one score per
 *                   frame of the patch, conditioned on the style it should be)
 */
import * as tf from '@tensorflow/tfjs';
import { conv1dShifted, matMul2d } from '../runtime/fast-ops.ts';
import { createRng } from '../runtime/rng.ts';
import type { GanConfig } from './config.ts';

/** Trainable variables while training, plain tensors once loaded: names like `generator.block.2.dilated.w`. */
export type GanWeights = Record<string, tf.Tensor>;
export type GanVariables = Record<string, tf.Variable>;

const LEAK = 0.2;

/** He-initialised weights (the generator's last layer near zero), zero biases. */
export function createGanVariables(config: GanConfig, seed: number): GanVariables {
  const rng = createRng(`gan-init:${seed}`);
  const vars: GanVariables = {};
  const add = (name: string, shape: number[], scale: number): void => {
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < values.length; i++) values[i] = scale === 0 ? 0 : rng.normal() * scale;
    // the variable shares the initial tensor's data; the tensor itself would stay counted until disposed
    const initial = tf.tensor(values, shape);
    vars[name] = tf.variable(initial, true, name);
    initial.dispose();
  };
  const conv = (name: string, k: number, cin: number, cout: number, scale = Math.sqrt(2 / (k * cin))): void => {
    add(`${name}.w`, [k, cin, cout], scale);
    add(`${name}.b`, [cout], 0);
  };
  const { nMels, styles } = config;
  const g = config.generator;
  conv('generator.in', g.edgeKernel, nMels, g.channels);
  add('generator.in.style', [styles.length, g.channels], 0.1);
  g.dilations.forEach((_, i) => {
    conv(`generator.block.${i}.dilated`, 3, g.channels, g.channels);
    add(`generator.block.${i}.style`, [styles.length, g.channels], 0.1);
    conv(`generator.block.${i}.mix`, 1, g.channels, g.channels, Math.sqrt(1 / g.channels) * 0.5);
  });
  conv('generator.out', g.edgeKernel, g.channels, nMels, 1e-3);
  const d = config.discriminator;
  conv('discriminator.in', d.edgeKernel, nMels, d.channels);
  d.dilations.forEach((_, i) => conv(`discriminator.layer.${i}`, 3, d.channels, d.channels));
  add('discriminator.out.w', [d.channels, 1], Math.sqrt(1 / d.channels));
  add('discriminator.out.b', [1], 0);
  add('discriminator.style', [styles.length, d.channels], Math.sqrt(1 / d.channels));
  return vars;
}

export function generatorVariableNames(vars: Record<string, unknown>): string[] {
  return Object.keys(vars).filter((n) => n.startsWith('generator.')).sort();
}

export function discriminatorVariableNames(vars: Record<string, unknown>): string[] {
  return Object.keys(vars).filter((n) => n.startsWith('discriminator.')).sort();
}

function weight<T extends tf.Tensor>(w: GanWeights, name: string): T {
  const t = w[name];
  if (t === undefined) throw new RangeError(`style GAN: missing weight ${name}`);
  return t as T;
}

function conv(w: GanWeights, name: string, x: tf.Tensor3D, dilation = 1): tf.Tensor3D {
  return conv1dShifted(x, weight<tf.Tensor3D>(w, `${name}.w`), { bias: weight<tf.Tensor1D>(w, `${name}.b`), dilation, padding: 'same' });
}

/** One-hot styles [batch, styles] × table [styles, C] → [batch, 1, C], added to every frame. */
function styleBias(w: GanWeights, name: string, styles: tf.Tensor2D): tf.Tensor3D {
  const table = weight<tf.Tensor2D>(w, name);
  const rows = matMul2d(styles, table);
  return tf.reshape(rows, [rows.shape[0], 1, rows.shape[1]]);
}

function leaky(x: tf.Tensor3D): tf.Tensor3D {
  return tf.maximum(x, tf.mul(x, LEAK));
}

/** G(x, s): x [batch, frames, nMels] features, styles [batch, styles] one-hot → the same shape. */
export function generate(w: GanWeights, config: GanConfig, x: tf.Tensor3D, styles: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    let h = tf.relu(tf.add(conv(w, 'generator.in', x), styleBias(w, 'generator.in.style', styles))) as tf.Tensor3D;
    config.generator.dilations.forEach((dilation, i) => {
      const u = tf.relu(tf.add(conv(w, `generator.block.${i}.dilated`, h, dilation), styleBias(w, `generator.block.${i}.style`, styles))) as tf.Tensor3D;
      h = tf.add(h, conv(w, `generator.block.${i}.mix`, u));
    });
    return tf.add(x, conv(w, 'generator.out', h));
  });
}

/** D(y, s): one realism score per frame [batch, frames] for features y claimed to be in style s. */
export function discriminate(w: GanWeights, config: GanConfig, y: tf.Tensor3D, styles: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, frames] = y.shape;
    let h = leaky(conv(w, 'discriminator.in', y));
    config.discriminator.dilations.forEach((dilation, i) => {
      h = leaky(conv(w, `discriminator.layer.${i}`, h, dilation));
    });
    const channels = h.shape[2];
    const flat = tf.reshape(h, [batch * frames, channels]) as tf.Tensor2D;
    const plain = tf.add(matMul2d(flat, weight<tf.Tensor2D>(w, 'discriminator.out.w')), weight<tf.Tensor1D>(w, 'discriminator.out.b'));
    const projection = tf.sum(tf.mul(h, styleBias(w, 'discriminator.style', styles)), 2);
    return tf.add(tf.reshape(plain, [batch, frames]), projection) as tf.Tensor2D;
  });
}

/** One-hot rows for style indices. */
export function styleOneHot(indices: readonly number[], count: number): tf.Tensor2D {
  const values = new Float32Array(indices.length * count);
  indices.forEach((s, i) => (values[i * count + s] = 1));
  return tf.tensor2d(values, [indices.length, count]);
}

export function parameterCount(vars: Record<string, tf.Tensor>, prefix = ''): number {
  return Object.entries(vars).filter(([n]) => n.startsWith(prefix)).reduce((sum, [, t]) => sum + t.size, 0);
}
