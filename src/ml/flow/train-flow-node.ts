/**
 * Trains the flow prior of a timbre VAE in Node: encodes every training note with the VAE, fits
 * the flow to those latents, and writes a model folder tied to the VAE by its weight hash.
 */
import * as tf from '@tensorflow/tfjs';
import { basename, resolve } from 'node:path';
import { FolderCheckpointStore } from '../runtime/checkpoint-node.ts';
import type { ModelCard } from '../runtime/model-card.ts';
import { saveModelFolderArrays } from '../runtime/model-io-node.ts';
import { tensorsToArrays, type WeightArrays } from '../runtime/model-io.ts';
import { runTraining } from '../runtime/training-loop.ts';
import { prefixFigures, type TrainingProgress, type TrainingResult } from '../runtime/training-types.ts';
import { encodeNoteSet, loadTimbreVae } from '../vae/load-node.ts';
import { loadNoteSet } from '../vae/note-set-node.ts';
import { defaultFlowConfig, type FlowConfig } from './config.ts';
import { percentiles } from './flow-prior.ts';
import { flowLogProb, standardNormalLogProb } from './model.ts';
import { createFlowTrainingTask, latentMoments, type Latents } from './training-task.ts';

export interface TrainFlowOptions {
  vaeDir: string;
  dataDir: string;
  validationDir?: string;
  outDir: string;
  steps?: number;
  batchSize?: number;
  seed?: number;
  resume?: boolean;
  cacheDir?: string;
  onProgress?: (event: TrainingProgress) => void;
  onLog?: (line: string) => void;
  signal?: AbortSignal;
}

/**
 * 1000 steps, each batch's latents jittered by 0.1 standard deviation per dimension. Fitted to the
 * exact latents of the three-stage timbre VAE, the flow scored TimGM6mb's latents at 30 nats by step
 * 250 and 519 by step 1000, far worse than N(0, I)'s 51.7. Held-out NLL at step 1000 by jitter:
 * 0.05 → 77.4 (it overfits after step 250), 0.1 → 7.9, 0.15 → 9.0, 0.3 → 17.8; with 0.1 it falls
 * at every evaluation (8.8, 8.1, 8.0, 7.9).
 */
export const FLOW_RECIPE = { steps: 1000, batchSize: 256, peakLearningRate: 1e-3, finalLearningRate: 2e-5, warmupSteps: 100, clipNorm: 5, evalEvery: 250, seed: 1, jitter: 0.1 };

/** Mean negative log-likelihood (nats per latent vector) under the flow, N(0, I) and a fitted diagonal Gaussian. */
export function latentNlls(weights: Record<string, tf.Tensor>, config: FlowConfig, latents: Latents, fit: { mean: Float32Array; std: Float32Array }): { flowNll: number; gaussianNll: number; diagonalGaussianNll: number } {
  return tf.tidy(() => {
    const z = tf.tensor2d(latents.values, [latents.count, latents.dim]);
    const flow = -tf.mean(flowLogProb(weights, config, z)).dataSync()[0];
    const gaussian = -tf.mean(standardNormalLogProb(z)).dataSync()[0];
    const standardised = tf.div(tf.sub(z, tf.tensor1d(fit.mean)), tf.tensor1d(fit.std)) as tf.Tensor2D;
    const logStd = fit.std.reduce((s, v) => s + Math.log(v), 0);
    const diagonal = -tf.mean(standardNormalLogProb(standardised)).dataSync()[0] + logStd;
    return { flowNll: flow, gaussianNll: gaussian, diagonalGaussianNll: diagonal };
  });
}

export async function trainFlow(options: TrainFlowOptions): Promise<{ result: TrainingResult; card: ModelCard; outDir: string; figures: Record<string, number> }> {
  const log = options.onLog ?? ((): void => undefined);
  const recipe = { ...FLOW_RECIPE, ...(options.batchSize ? { batchSize: options.batchSize } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}) };
  const steps = options.steps ?? recipe.steps;
  const vae = await loadTimbreVae(resolve(options.vaeDir));
  let train: Latents;
  let validation: Latents | undefined;
  try {
    const set = await loadNoteSet(resolve(options.dataDir));
    log(`encoding ${set.manifest.notes.length} training notes with ${vae.name}…`);
    train = { values: encodeNoteSet(vae, set), count: set.manifest.notes.length, dim: vae.latentDim };
    if (options.validationDir) {
      const valSet = await loadNoteSet(resolve(options.validationDir));
      log(`encoding ${valSet.manifest.notes.length} validation notes…`);
      validation = { values: encodeNoteSet(vae, valSet), count: valSet.manifest.notes.length, dim: vae.latentDim };
    }
  } finally {
    vae.dispose();
  }
  const fit = latentMoments(train);
  const config = defaultFlowConfig(vae.latentDim, { name: vae.name, weightsHash: vae.weightsHash });
  const heldOut = validation;
  const task = createFlowTrainingTask(config, train, recipe.batchSize, recipe.seed, heldOut ? (w) => prefixFigures('heldOut', latentNlls(w, config, heldOut, fit)) : undefined, recipe.jitter);
  const outDir = resolve(options.outDir);
  const store = new FolderCheckpointStore(resolve(options.cacheDir ?? '.cache/flow', `checkpoints-${basename(outDir)}`));
  let result: TrainingResult;
  let figures: Record<string, number>;
  let weights: WeightArrays;
  try {
    result = await runTraining(task, {
      steps,
      seed: recipe.seed,
      learningRate: { peak: recipe.peakLearningRate, warmupSteps: recipe.warmupSteps, final: recipe.finalLearningRate },
      clipNorm: recipe.clipNorm,
      evalEvery: Math.min(recipe.evalEvery, steps),
      checkpoint: { store, every: Math.min(recipe.evalEvery, steps) },
      resume: options.resume,
      onProgress: options.onProgress,
      signal: options.signal,
    });
    // Typicality is read against sounds the flow never fitted (a user's sound is one too): the
    // held-out latents when there are some, else the training ones.
    const reference = heldOut ?? train;
    const referenceLogProbs = tf.tidy(() => Array.from(flowLogProb(task.weights, config, tf.tensor2d(reference.values, [reference.count, reference.dim])).dataSync()));
    config.logProbPercentiles = percentiles(referenceLogProbs);
    figures = heldOut ? latentNlls(task.weights, config, heldOut, fit) : {};
    weights = tensorsToArrays(task.weights);
  } finally {
    task.dispose();
  }
  const saved = await saveModelFolderArrays(outDir, {
    weights,
    config,
    card: {
      name: basename(outDir),
      family: 'flow',
      description: `RealNVP prior over the latents of ${config.vae.name}: scores how typical a sound is and draws new ones.`,
      trainedOn: `latents of ${train.count} notes (${options.dataDir}) encoded by ${config.vae.name} ${config.vae.weightsHash}`,
      steps: result.steps,
      trainingTimeSeconds: Math.round(result.seconds),
      metrics: { ...figures, finalTrainLoss: result.finalLoss, ...(heldOut ? { heldOutLatents: heldOut.count } : {}) },
      createdWith: 'alea train flow',
      recipe: { ...recipe, steps, couplings: config.couplings, hidden: config.hidden, optimizer: 'AdamW', schedule: 'linear warm-up, cosine decay', lossUnit: 'nats per latent dimension', typicalityReference: heldOut ? `held-out latents (${options.validationDir})` : 'training latents' },
    },
  });
  return { result, card: saved.card, outDir, figures };
}


