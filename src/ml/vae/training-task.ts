/**
 * Training the timbre VAE: each step takes `notesPerBatch` random notes, encodes each whole note
 * and decodes `framesPerNote` random frames of it (the decoder works frame by frame, so a few
 * frames per note teach it as much as all of them, at a fraction of the cost). The loss compares
 * predicted and real log-mel frames (L1 over a fixed power floor, or the log-spectral distance
 * the evaluation reports) plus a KL term that warms up.
 */
import * as tf from '@tensorflow/tfjs';
import { matMul2d } from '../runtime/fast-ops.ts';
import { createRng, seedFor } from '../runtime/rng.ts';
import type { TrainingTask } from '../runtime/training-types.ts';
import { PITCH_FEATURES, TIME_FEATURES, VELOCITY_FEATURES, encoderInputSize, type VaeConfig } from './config.ts';
import { conditioningRows } from './conditioning.ts';
import { fineFrontEnd, fineHarmonicBasis, noiseToFine } from './fine-spectrum.ts';
import { createVaeVariables, decode, encode, klDivergence, predictedLogMel, repeatMatrix, type SynthControls, type VaeVariables, type VaeWeights } from './model.ts';
import type { NoteFeatures } from './note-features.ts';
import { harmonicBasis, noiseToMel, spectralFrontEnd } from './spectral.ts';

export interface VaeTrainingOptions {
  notesPerBatch: number;
  framesPerNote: number;
  /** KL weight per note, reached after klWarmupSteps (scaled by 1 / elements per note) */
  klWeight: number;
  klWarmupSteps: number;
  /** KL below this many nats per latent dimension is not penalised (keeps the latent in use) */
  freeBitsPerDim: number;
  seed: number;
  /**
   * 'l1' (default): mean |Δ log mel| over the config's fixed power floor. 'lsd': per frame, the
   * RMS over bands of Δ log mel with the floor `floorDb` under the frame's loudest band: what
   * `alea eval vae` scores, so a quiet note's tail counts as much as a loud note's body.
   */
  reconstruction?: 'l1' | 'lsd';
  /** 'lsd': dynamic range kept below each frame's loudest band (default 80 dB, as the evaluation) */
  floorDb?: number;
  /**
   * Weight of the morph-path term (default 0: off): the sound decoded halfway between two notes'
   * latents, at the first note's pitch and frames, is pulled towards the midpoint of the two
   * sounds' log-mel frames, so a morph moves in even steps instead of jumping in one place.
   */
  pathWeight?: number;
  /**
   * Weight of the fine low-frequency term (default 0: off): the log-spectral distance over the
   * bins up to `fineMaxHz` of an FFT twice the model's size, where a low note's harmonics are
   * resolved and noise between them shows (fine-spectrum.ts says why the mel loss cannot see it).
   */
  fineWeight?: number;
  /** top of the fine term's bins, Hz (default 1000) */
  fineMaxHz?: number;
}

/** The fine term's top frequency when the options ask for the term, else undefined. */
export function fineMaxHzOf(options: Pick<VaeTrainingOptions, 'fineWeight' | 'fineMaxHz'>): number | undefined {
  return (options.fineWeight ?? 0) > 0 ? (options.fineMaxHz ?? 1000) : undefined;
}

/** 'lsd': a frame that is all silence is compared this far (dB) under its note's loudest band. */
const SILENT_FRAME_FLOOR_DB = 140;

export interface VaeBatch {
  encoderInput: tf.Tensor2D;
  repeat: tf.Tensor2D;
  conditioning: tf.Tensor2D;
  basis: tf.Tensor3D;
  target: tf.Tensor2D;
  /** [rows, 1] the power floor each target row was taken over */
  floor: tf.Tensor2D;
  noise: tf.Tensor2D;
  /** the fine low bins' targets, when the features hold them */
  fine?: FineBatch;
}

export interface FineBatch {
  /** [rows, harmonics, bins] */
  basis: tf.Tensor3D;
  /** [rows, bins] log power over `floor` */
  target: tf.Tensor2D;
  /** [rows, 1] */
  floor: tf.Tensor2D;
  /** [nMels, bins] noise bands → fine bins */
  noise: tf.Tensor2D;
}

export interface VaeLossParts {
  recon: tf.Scalar;
  kl: tf.Scalar;
  /** the morph-path term (RMS nats per frame), when asked for */
  path?: tf.Scalar;
  /** the fine low-frequency term (RMS nats per frame), when the batch holds its targets */
  fine?: tf.Scalar;
}

/** How targets are floored: the config's fixed floor, or `floorDb` under each frame's loudest band. */
export type TargetFloor = { kind: 'fixed' } | { kind: 'relative'; floorDb: number };

/**
 * Batch tensors for notes `picks` and, per note, the frames `frames[i]`; targets over the fixed
 * power floor (as stored) or over a floor relative to each frame.
 */
export function buildVaeBatch(data: NoteFeatures, picks: number[], frames: number[][], noise: Float32Array, targetFloor: TargetFloor = { kind: 'fixed' }): VaeBatch {
  const { config } = data;
  const fe = spectralFrontEnd(config);
  const { nMels, harmonics, latentDim } = config;
  const inputSize = encoderInputSize(config);
  const rows = frames.reduce((n, f) => n + f.length, 0);
  const condWidth = PITCH_FEATURES + TIME_FEATURES + VELOCITY_FEATURES;
  const enc = new Float32Array(picks.length * inputSize);
  const repeatOf = new Int32Array(rows);
  const cond = new Float32Array(rows * condWidth);
  const basis = new Float32Array(rows * harmonics * nMels);
  const target = new Float32Array(rows * nMels);
  const floor = new Float32Array(rows).fill(config.powerFloor);
  const fine = data.fine === undefined ? undefined : fineBatchArrays(data, picks, frames, rows);
  let r = 0;
  picks.forEach((note, i) => {
    const info = data.notes[note];
    enc.set(data.encoderInputs.subarray(note * inputSize, (note + 1) * inputSize), i * inputSize);
    const noteBasis = harmonicBasis(fe, info.pitch);
    cond.set(conditioningRows(config, info.pitch, info.velocity, config.holdSeconds, frames[i]), r * condWidth);
    const notePeak = targetFloor.kind === 'relative' ? maxOf(data.logMel, note * data.frames * nMels, (note + 1) * data.frames * nMels) : 0;
    for (const frame of frames[i]) {
      repeatOf[r] = i;
      basis.set(noteBasis, r * harmonics * nMels);
      const src = (note * data.frames + frame) * nMels;
      const row = data.logMel.subarray(src, src + nMels);
      if (targetFloor.kind === 'relative') floor[r] = refloor(row, config.powerFloor, notePeak, targetFloor.floorDb, target.subarray(r * nMels, (r + 1) * nMels));
      else target.set(row, r * nMels);
      r++;
    }
  });
  return {
    encoderInput: tf.tensor2d(enc, [picks.length, inputSize]),
    repeat: repeatMatrix(repeatOf, picks.length),
    conditioning: tf.tensor2d(cond, [rows, condWidth]),
    basis: tf.tensor3d(basis, [rows, harmonics, nMels]),
    target: tf.tensor2d(target, [rows, nMels]),
    floor: tf.tensor2d(floor, [rows, 1]),
    noise: tf.tensor2d(noise, [picks.length, latentDim]),
    ...(fine ? { fine } : {}),
  };
}

/** The fine low bins of the same rows, each over the floor 80 dB under its loudest bin. */
function fineBatchArrays(data: NoteFeatures, picks: number[], frames: number[][], rows: number): FineBatch | undefined {
  const { fine, config } = data;
  if (fine === undefined) return undefined;
  const fe = fineFrontEnd(config, fine.maxHz);
  const { bins } = fine;
  const basis = new Float32Array(rows * config.harmonics * bins);
  const target = new Float32Array(rows * bins);
  const floor = new Float32Array(rows);
  let r = 0;
  picks.forEach((note, i) => {
    const noteBasis = fineHarmonicBasis(fe, data.notes[note].pitch);
    const notePeak = maxOf(fine.logPower, note * data.frames * bins, (note + 1) * data.frames * bins);
    for (const frame of frames[i]) {
      basis.set(noteBasis, r * config.harmonics * bins);
      const src = (note * data.frames + frame) * bins;
      floor[r] = refloor(fine.logPower.subarray(src, src + bins), config.powerFloor, notePeak, FINE_FLOOR_DB, target.subarray(r * bins, (r + 1) * bins));
      r++;
    }
  });
  return {
    basis: tf.tensor3d(basis, [rows, config.harmonics, bins]),
    target: tf.tensor2d(target, [rows, bins]),
    floor: tf.tensor2d(floor, [rows, 1]),
    noise: tf.tensor2d(noiseToFine(fe), [config.nMels, bins]),
  };
}

/** The fine term's dynamic range under each frame's loudest bin: the evaluation's 80 dB. */
const FINE_FLOOR_DB = 80;

function maxOf(values: Float32Array, from: number, to: number): number {
  let max = -Infinity;
  for (let i = from; i < to; i++) max = Math.max(max, values[i]);
  return max;
}

/**
 * One stored frame (log of power + powerFloor) taken over the floor `floorDb` under its loudest
 * band (never more than SILENT_FRAME_FLOOR_DB under the note's peak): writes the log target and
 * returns the floor's power.
 */
function refloor(row: Float32Array, powerFloor: number, notePeakLog: number, floorDb: number, out: Float32Array): number {
  const nats = Math.LN10 / 10;
  let loudest = 0;
  for (let m = 0; m < row.length; m++) {
    // The stored float32 log rounds a zero power to about 1e-6 × powerFloor: that is silence.
    const power = Math.exp(row[m]) - powerFloor;
    out[m] = power > powerFloor * 1e-4 ? power : 0;
    loudest = Math.max(loudest, out[m]);
  }
  const floor = Math.max(loudest * Math.exp(-floorDb * nats), Math.exp(notePeakLog - SILENT_FRAME_FLOOR_DB * nats));
  for (let m = 0; m < row.length; m++) out[m] = Math.log(out[m] + floor);
  return floor;
}

export function disposeVaeBatch(batch: VaeBatch): void {
  tf.dispose([batch.encoderInput, batch.repeat, batch.conditioning, batch.basis, batch.target, batch.floor, batch.noise]);
  if (batch.fine) tf.dispose([batch.fine.basis, batch.fine.target, batch.fine.floor, batch.fine.noise]);
}

/**
 * Reconstruction and KL (nats per note) of a batch; `sample` draws z, else z = μ. Reconstruction
 * 'l1': mean |Δ log mel|; 'lsd': mean over frames of the RMS over bands of Δ log mel (nats).
 */
export function vaeLossParts(
  vars: VaeWeights,
  config: VaeConfig,
  batch: VaeBatch,
  noiseMatrix: tf.Tensor2D,
  sample: boolean,
  freeBitsPerDim = 0,
  reconstruction: 'l1' | 'lsd' = 'l1',
  withPath = false,
): VaeLossParts {
  const posterior = encode(vars, config, batch.encoderInput);
  const z = sample ? tf.add(posterior.mu, tf.mul(tf.exp(tf.mul(posterior.logVar, 0.5)), batch.noise)) : posterior.mu; // [notes, latent]
  const latentRows = matMul2d(batch.repeat, z as tf.Tensor2D); // [rows, latent]
  const controls = decode(vars, config, latentRows, batch.conditioning);
  const predicted = predictedLogMel(config, controls, batch.basis, noiseMatrix, batch.floor); // [rows, nMels]
  const error = tf.sub(predicted, batch.target);
  // The small constant keeps sqrt's gradient finite on a frame predicted exactly.
  const recon = (reconstruction === 'lsd' ? tf.mean(tf.sqrt(tf.add(tf.mean(tf.square(error), 1), 1e-6))) : tf.mean(tf.abs(error))) as tf.Scalar;
  const kl = freeBitsPerDim > 0 ? klWithFreeBits(posterior.mu, posterior.logVar, freeBitsPerDim) : klDivergence(posterior);
  const fine = batch.fine ? fineDistance(config, controls, batch.fine) : undefined;
  const parts: VaeLossParts = fine ? { recon, kl, fine } : { recon, kl };
  if (!withPath || z.shape[0] < 2) return parts;
  return { ...parts, path: morphPathBend(vars, config, batch, noiseMatrix, z as tf.Tensor2D, predicted) };
}

/** Mean over frames of the RMS over the fine bins of Δ log power (nats). */
function fineDistance(config: VaeConfig, controls: SynthControls, fine: FineBatch): tf.Scalar {
  const predicted = predictedLogMel(config, controls, fine.basis, fine.noise, fine.floor); // [rows, bins]
  const error = tf.sub(predicted, fine.target);
  return tf.mean(tf.sqrt(tf.add(tf.mean(tf.square(error), 1), 1e-6))) as tf.Scalar;
}

/**
 * How far the sound halfway between each note's latent and the next note's bends away from the
 * midpoint of the two sounds (log-mel, RMS per frame), all decoded at the first note's pitch and
 * frames: the evaluation's morph jumps are where this bend is large.
 */
function morphPathBend(vars: VaeWeights, config: VaeConfig, batch: VaeBatch, noiseMatrix: tf.Tensor2D, z: tf.Tensor2D, atZ: tf.Tensor): tf.Scalar {
  const partner = tf.concat([tf.slice(z, [1, 0], [-1, -1]), tf.slice(z, [0, 0], [1, -1])], 0);
  const middle = tf.mul(tf.add(z, partner), 0.5);
  const decodeRows = (latents: tf.Tensor2D): tf.Tensor =>
    predictedLogMel(config, decode(vars, config, matMul2d(batch.repeat, latents), batch.conditioning), batch.basis, noiseMatrix, batch.floor);
  const straight = tf.mul(tf.add(atZ, decodeRows(partner)), 0.5);
  const bend = tf.sub(decodeRows(middle as tf.Tensor2D), straight);
  return tf.mean(tf.sqrt(tf.add(tf.mean(tf.square(bend), 1), 1e-6))) as tf.Scalar;
}

/** KL per dimension averaged over the batch, each dimension's below `floor` nats not penalised. */
function klWithFreeBits(mu: tf.Tensor2D, logVar: tf.Tensor2D, floor: number): tf.Scalar {
  const perDim = tf.mean(tf.mul(0.5, tf.sub(tf.add(tf.square(mu), tf.exp(logVar)), tf.add(logVar, 1))), 0); // [latent]
  return tf.sum(tf.maximum(perDim, floor));
}

/** Draws the step's notes and frames: depends only on (seed, step), so resumed runs repeat. */
export function drawVaeBatch(data: NoteFeatures, options: VaeTrainingOptions, step: number, shard: number, shardCount: number): VaeBatch {
  const rng = createRng(seedFor(options.seed, step));
  const notes: number[] = [];
  const frames: number[][] = [];
  for (let i = 0; i < options.notesPerBatch; i++) {
    notes.push(rng.int(data.notes.length));
    const chosen = new Set<number>();
    while (chosen.size < Math.min(options.framesPerNote, data.frames)) chosen.add(rng.int(data.frames));
    frames.push([...chosen].sort((a, b) => a - b));
  }
  const noise = new Float32Array(options.notesPerBatch * data.config.latentDim);
  for (let i = 0; i < noise.length; i++) noise[i] = rng.normal();
  const per = options.notesPerBatch / shardCount;
  const from = shard * per;
  const to = from + per;
  return buildVaeBatch(data, notes.slice(from, to), frames.slice(from, to), noise.subarray(from * data.config.latentDim, to * data.config.latentDim), targetFloorOf(options));
}

export function targetFloorOf(options: Pick<VaeTrainingOptions, 'reconstruction' | 'floorDb'>): TargetFloor {
  return options.reconstruction === 'lsd' ? { kind: 'relative', floorDb: options.floorDb ?? 80 } : { kind: 'fixed' };
}

export function createVaeTrainingTask(
  train: NoteFeatures,
  options: VaeTrainingOptions,
  evaluate?: (vars: VaeVariables) => Record<string, number>,
): TrainingTask<VaeBatch> & { vars: VaeVariables; noiseMatrix: tf.Tensor2D } {
  const { config } = train;
  if (options.notesPerBatch < 1 || options.framesPerNote < 1) throw new RangeError('a VAE batch needs at least one note and one frame');
  const vars = createVaeVariables(config, options.seed);
  const noiseMatrix = tf.tensor2d(noiseToMel(spectralFrontEnd(config)), [config.nMels, config.nMels]);
  const elementsPerNote = train.frames * config.nMels;
  return {
    vars,
    noiseMatrix,
    variables: vars,
    itemsPerBatch: options.notesPerBatch,
    makeBatch: (step, shard, shardCount) => drawVaeBatch(train, options, step, shard, shardCount),
    loss: (batch, _training, step) => {
      const pathWeight = options.pathWeight ?? 0;
      const { recon, kl, path, fine } = vaeLossParts(vars, config, batch, noiseMatrix, true, options.freeBitsPerDim, options.reconstruction, pathWeight > 0);
      const warm = options.klWarmupSteps > 0 ? Math.min(1, step / options.klWarmupSteps) : 1;
      let loss: tf.Tensor = tf.add(recon, tf.mul(kl, (warm * options.klWeight) / elementsPerNote));
      if (path !== undefined) loss = tf.add(loss, tf.mul(path, pathWeight));
      if (fine !== undefined) loss = tf.add(loss, tf.mul(fine, options.fineWeight ?? 0));
      return loss as tf.Scalar;
    },
    evaluate: evaluate ? () => evaluate(vars) : undefined,
    disposeBatch: disposeVaeBatch,
    dispose: () => {
      tf.dispose(Object.values(vars));
      noiseMatrix.dispose();
    },
  };
}
