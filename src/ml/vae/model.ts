/**
 * The timbre VAE, top to bottom.
 *
 *   note log-mel [frames, nMels] ──segment means──▶ encoder MLP ──▶ μ, log σ² [latent]
 *   z ~ N(μ, σ²) ─┬─ per frame, with pitch, velocity, time-in-note ─▶ decoder MLP
 *                 └─▶ harmonic powers [harmonics] + noise band powers [nMels]
 *   predicted mel power = harmonics × basis(pitch) + noise × noiseToMel
 *
 * The latent holds timbre only: pitch, velocity and time are decoder inputs, so one latent
 * point plays at any pitch and length. Every product is a plain 2-D matMul (fast on wasm).
 */
import * as tf from '@tensorflow/tfjs';
import { dense, matMul2d } from '../runtime/fast-ops.ts';
import { createRng } from '../runtime/rng.ts';
import { decoderInputSize, decoderOutputSize, encoderInputSize, type VaeConfig } from './config.ts';

/** Trainable variables while training, plain tensors once loaded: names like `decoder.2.w`. */
export type VaeWeights = Record<string, tf.Tensor>;
export type VaeVariables = Record<string, tf.Variable>;

/** Log-power outputs are capped so exp never overflows early in training. */
const MAX_LOG_POWER = 2;
/** Starting log power of every harmonic and noise band: quiet, so early gradients are gentle. */
const INITIAL_HARMONIC_LOG_POWER = -9;
const INITIAL_NOISE_LOG_POWER = -14;
const LOG_VAR_RANGE: [number, number] = [-12, 4];

function layerSizes(input: number, hidden: number[], output: number): [number, number][] {
  const sizes = [input, ...hidden, output];
  return sizes.slice(1).map((out, i) => [sizes[i], out]);
}

/** He-initialised weights, zero biases, keyed `encoder.{i}.w` / `decoder.{i}.b` (checkpoint keys; the tfjs variables stay unnamed so two models can live side by side). */
export function createVaeVariables(config: VaeConfig, seed: number): VaeVariables {
  const rng = createRng(`vae-init:${seed}`);
  const vars: VaeVariables = {};
  const add = (name: string, rows: number, cols: number, scale: number): void => {
    const values = new Float32Array(rows * cols);
    for (let i = 0; i < values.length; i++) values[i] = rng.normal() * scale;
    // Inside tidy: the initial tensor is freed, the variable (kept by tidy) holds the values.
    vars[name] = tf.tidy(() => tf.variable(tf.tensor2d(values, [rows, cols]), true));
  };
  const addBias = (name: string, values: Float32Array): void => {
    vars[name] = tf.tidy(() => tf.variable(tf.tensor1d(values), true));
  };
  // The encoder's last layer emits μ and log σ² side by side.
  const enc = layerSizes(encoderInputSize(config), config.encoderHidden, 2 * config.latentDim);
  enc.forEach(([fanIn, fanOut], i) => {
    const last = i === enc.length - 1;
    add(`encoder.${i}.w`, fanIn, fanOut, last ? 0.01 : Math.sqrt(2 / fanIn));
    addBias(`encoder.${i}.b`, new Float32Array(fanOut));
  });
  const dec = layerSizes(decoderInputSize(config), config.decoderHidden, decoderOutputSize(config));
  dec.forEach(([fanIn, fanOut], i) => {
    const last = i === dec.length - 1;
    add(`decoder.${i}.w`, fanIn, fanOut, last ? 0.01 : Math.sqrt(2 / fanIn));
    const bias = new Float32Array(fanOut);
    if (last) bias.fill(INITIAL_HARMONIC_LOG_POWER, 0, config.harmonics).fill(INITIAL_NOISE_LOG_POWER, config.harmonics);
    addBias(`decoder.${i}.b`, bias);
  });
  return vars;
}

function mlp(vars: VaeWeights, prefix: string, layers: number, x: tf.Tensor2D): tf.Tensor2D {
  let h = x;
  for (let i = 0; i < layers; i++) {
    const w = vars[`${prefix}.${i}.w`] as tf.Tensor2D;
    const b = vars[`${prefix}.${i}.b`] as tf.Tensor1D;
    const y = dense(h, w, b) as tf.Tensor2D;
    h = i === layers - 1 ? y : tf.leakyRelu(y, 0.1);
  }
  return h;
}

export interface Posterior {
  /** [notes, latent] */
  mu: tf.Tensor2D;
  /** [notes, latent], clipped to a sane range */
  logVar: tf.Tensor2D;
}

/** encoderInput [notes, encoderInputSize] → q(z | note). */
export function encode(vars: VaeWeights, config: VaeConfig, encoderInput: tf.Tensor2D): Posterior {
  const out = mlp(vars, 'encoder', config.encoderHidden.length + 1, encoderInput); // [notes, 2·latent]
  const mu = tf.slice(out, [0, 0], [-1, config.latentDim]) as tf.Tensor2D;
  const logVar = tf.clipByValue(tf.slice(out, [0, config.latentDim], [-1, config.latentDim]), ...LOG_VAR_RANGE) as tf.Tensor2D;
  return { mu, logVar };
}

export interface SynthControls {
  /** [rows, harmonics]: power of each harmonic (amplitude²) */
  harmonicPower: tf.Tensor2D;
  /** [rows, nMels]: noise power density per band */
  noisePower: tf.Tensor2D;
}

/** latentRows [rows, latent] + conditioning [rows, pitch+time+velocity] → synth controls per frame. */
export function decode(vars: VaeWeights, config: VaeConfig, latentRows: tf.Tensor2D, conditioning: tf.Tensor2D): SynthControls {
  const input = tf.concat([latentRows, conditioning], 1) as tf.Tensor2D; // [rows, decoderInputSize]
  const out = mlp(vars, 'decoder', config.decoderHidden.length + 1, input); // [rows, harmonics + nMels]
  const logPower = tf.minimum(out, MAX_LOG_POWER);
  return {
    harmonicPower: tf.exp(tf.slice(logPower, [0, 0], [-1, config.harmonics])) as tf.Tensor2D,
    noisePower: tf.exp(tf.slice(logPower, [0, config.harmonics], [-1, config.nMels])) as tf.Tensor2D,
  };
}

/**
 * The log-mel frames the synth would produce: harmonics through each row's pitch basis
 * (basisRows [rows, harmonics, nMels], constant) plus noise through noiseToMel [nMels, nMels],
 * over `floor` (the config's power floor, or one per row [rows, 1]).
 */
export function predictedLogMel(config: VaeConfig, controls: SynthControls, basisRows: tf.Tensor3D, noiseMatrix: tf.Tensor2D, floor: number | tf.Tensor2D = config.powerFloor): tf.Tensor2D {
  const harmonic = tf.sum(tf.mul(tf.expandDims(controls.harmonicPower, 2), basisRows), 1); // [rows, nMels]
  const noise = matMul2d(controls.noisePower, noiseMatrix); // [rows, nMels]
  return tf.log(tf.add(tf.add(harmonic, noise), floor)) as tf.Tensor2D;
}

/** [rows, notes] one-hot: row r copies note repeatOf[r]'s latent (a product, so it trains fast). */
export function repeatMatrix(repeatOf: ArrayLike<number>, notes: number): tf.Tensor2D {
  const values = new Float32Array(repeatOf.length * notes);
  for (let r = 0; r < repeatOf.length; r++) values[r * notes + repeatOf[r]] = 1;
  return tf.tensor2d(values, [repeatOf.length, notes]);
}

/** Mean over notes of KL(q(z|x) ‖ N(0, I)), summed over latent dimensions (nats). */
export function klDivergence(posterior: Posterior): tf.Scalar {
  const { mu, logVar } = posterior;
  const perDim = tf.mul(0.5, tf.sub(tf.add(tf.square(mu), tf.exp(logVar)), tf.add(logVar, 1)));
  return tf.mean(tf.sum(perDim, 1));
}
