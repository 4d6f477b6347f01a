/** Trains the timbre VAE in Node and writes its model folder (weights, config.json, card.json). */
import * as tf from '@tensorflow/tfjs';
import { basename, resolve } from 'node:path';
import { FolderCheckpointStore } from '../runtime/checkpoint-node.ts';
import type { ModelCard } from '../runtime/model-card.ts';
import { saveModelFolderArrays } from '../runtime/model-io-node.ts';
import { latestCheckpointWeights } from '../runtime/checkpoint.ts';
import { runTraining } from '../runtime/training-loop.ts';
import { prefixFigures, type TrainingProgress, type TrainingResult } from '../runtime/training-types.ts';
import { DEFAULT_VAE_CONFIG, type VaeConfig } from './config.ts';
import { loadNoteSet, noteSetFeatures } from './note-set-node.ts';
import { buildVaeBatch, createVaeTrainingTask, disposeVaeBatch, vaeLossParts, type VaeTrainingOptions } from './training-task.ts';
import type { NoteFeatures } from './note-features.ts';
import type { VaeWeights } from './model.ts';

export interface VaeRecipe {
  name: string;
  config: VaeConfig;
  training: Omit<VaeTrainingOptions, 'seed'>;
  steps: number;
  peakLearningRate: number;
  finalLearningRate: number;
  warmupSteps: number;
  clipNorm: number;
  evalEvery: number;
  seed: number;
}

export const TIMBRE_VAE_RECIPE: VaeRecipe = {
  name: 'timbre-vae',
  config: DEFAULT_VAE_CONFIG,
  training: { notesPerBatch: 32, framesPerNote: 24, klWeight: 1, klWarmupSteps: 3000, freeBitsPerDim: 0.1 },
  steps: 9000,
  peakLearningRate: 5e-4,
  finalLearningRate: 5e-5,
  warmupSteps: 200,
  clipNorm: 1,
  evalEvery: 500,
  seed: 1,
};

export interface TrainVaeOptions {
  dataDir: string;
  /** a note set from another SoundFont, for the validation figures during training */
  validationDir?: string;
  outDir: string;
  recipe?: VaeRecipe;
  steps?: number;
  resume?: boolean;
  cacheDir?: string;
  onProgress?: (event: TrainingProgress) => void;
  onLog?: (line: string) => void;
  signal?: AbortSignal;
}

/** Mean reconstruction L1 (log-mel, nats) and KL (nats per note) over fixed notes, z = μ: `logMelL1`, `klNats`. */
export function validationFigures(vars: VaeWeights, data: NoteFeatures, noiseMatrix: tf.Tensor2D, notes = 64): Record<string, number> {
  let recon = 0;
  let kl = 0;
  const count = Math.min(notes, data.notes.length);
  const batch = 16;
  for (let from = 0; from < count; from += batch) {
    const picks = Array.from({ length: Math.min(batch, count - from) }, (_, i) => Math.floor(((from + i) * data.notes.length) / count));
    const frames = picks.map(() => Array.from({ length: data.frames }, (_, t) => t));
    const b = buildVaeBatch(data, picks, frames, new Float32Array(picks.length * data.config.latentDim));
    const [r, k] = tf.tidy(() => {
      const parts = vaeLossParts(vars, data.config, b, noiseMatrix, false);
      return [parts.recon.dataSync()[0], parts.kl.dataSync()[0]];
    });
    disposeVaeBatch(b);
    recon += r * picks.length;
    kl += k * picks.length;
  }
  return { logMelL1: recon / count, klNats: kl / count };
}


export async function trainVae(options: TrainVaeOptions): Promise<{ result: TrainingResult; card: ModelCard; outDir: string }> {
  const recipe = options.recipe ?? TIMBRE_VAE_RECIPE;
  const log = options.onLog ?? ((): void => undefined);
  const outDir = resolve(options.outDir);
  const trainSet = await loadNoteSet(resolve(options.dataDir));
  log(`computing features of ${trainSet.manifest.notes.length} notes…`);
  const train = noteSetFeatures(trainSet, recipe.config);
  const validation = options.validationDir ? noteSetFeatures(await loadNoteSet(resolve(options.validationDir)), recipe.config, { limit: 256 }) : undefined;
  const task = createVaeTrainingTask(train, { ...recipe.training, seed: recipe.seed }, (vars) => ({
    ...prefixFigures('train', validationFigures(vars, train, task.noiseMatrix, 64)),
    ...(validation ? prefixFigures('heldOut', validationFigures(vars, validation, task.noiseMatrix, 128)) : {}),
  }));
  const steps = options.steps ?? recipe.steps;
  const store = new FolderCheckpointStore(resolve(options.cacheDir ?? '.cache/vae', `checkpoints-${basename(outDir)}`));
  let result: TrainingResult;
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
  } finally {
    task.dispose();
  }
  const weights = await latestCheckpointWeights(store);
  const figures = result.evals.at(-1)?.figures ?? {};
  const saved = await saveModelFolderArrays(outDir, {
    weights,
    config: recipe.config,
    card: {
      name: recipe.name,
      family: 'vae',
      description: 'Pitch-conditioned timbre VAE with a harmonic + noise decoder: one latent point is a sound you can play at any pitch.',
      trainedOn: `${trainSet.manifest.notes.length} single notes rendered from ${trainSet.manifest.soundfont.file} (${options.dataDir})`,
      steps: result.steps,
      trainingTimeSeconds: Math.round(result.seconds),
      metrics: { ...figures, finalTrainLoss: result.finalLoss },
      createdWith: 'alea train vae',
      recipe: {
        notesPerBatch: recipe.training.notesPerBatch,
        framesPerNote: recipe.training.framesPerNote,
        klWeight: recipe.training.klWeight,
        klWarmupSteps: recipe.training.klWarmupSteps,
        freeBitsPerDim: recipe.training.freeBitsPerDim,
        optimizer: 'AdamW',
        peakLearningRate: recipe.peakLearningRate,
        finalLearningRate: recipe.finalLearningRate,
        warmupSteps: recipe.warmupSteps,
        schedule: 'linear warm-up, cosine decay',
        clipNorm: recipe.clipNorm,
        seed: recipe.seed,
        trainingSet: options.dataDir,
        ...(options.validationDir ? { validationSet: options.validationDir } : {}),
      },
    },
  });
  return { result, card: saved.card, outDir };
}

