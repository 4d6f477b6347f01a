/** Trains the timbre VAE in Node and writes its model folder (weights, config.json, card.json). */
import { basename, resolve } from 'node:path';
import { FolderCheckpointStore } from '../runtime/checkpoint-node.ts';
import type { ModelCard } from '../runtime/model-card.ts';
import { loadModelFolderArrays, saveModelFolderArrays } from '../runtime/model-io-node.ts';
import { latestCheckpointWeights } from '../runtime/checkpoint.ts';
import { runTraining, type TrainingOptions } from '../runtime/training-loop.ts';
import { runTrainingParallel } from '../runtime/parallel-training.ts';
import type { TrainingProgress, TrainingResult } from '../runtime/training-types.ts';
import { DEFAULT_VAE_CONFIG, type VaeConfig } from './config.ts';
import { loadNoteSet } from './note-set-node.ts';
import { createTrainingTask, type VaeTrainingJob } from './training-task-node.ts';
import type { VaeTrainingOptions } from './training-task.ts';

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

/**
 * The first stage of the shipped model: log-mel L1 over a fixed power floor, from random weights.
 * Its weights are where `TIMBRE_VAE_RECIPE` starts (`--init`).
 */
export const TIMBRE_VAE_L1_RECIPE: VaeRecipe = {
  name: 'timbre-vae',
  config: { ...DEFAULT_VAE_CONFIG, powerFloor: 1e-8 },
  training: { notesPerBatch: 32, framesPerNote: 24, klWeight: 1, klWarmupSteps: 3000, freeBitsPerDim: 0.1, reconstruction: 'l1' },
  steps: 9000,
  peakLearningRate: 5e-4,
  finalLearningRate: 5e-5,
  warmupSteps: 200,
  clipNorm: 1,
  evalEvery: 500,
  seed: 1,
};

/**
 * The shipped model's recipe: the log-spectral distance `alea eval vae` reports (each frame over
 * a floor 80 dB under its loudest band), started from the first stage's weights. The KL weight is
 * three times the first stage's because this reconstruction term is several times larger.
 */
export const TIMBRE_VAE_RECIPE: VaeRecipe = {
  name: 'timbre-vae',
  config: DEFAULT_VAE_CONFIG,
  training: { notesPerBatch: 32, framesPerNote: 24, klWeight: 3, klWarmupSteps: 500, freeBitsPerDim: 0.1, reconstruction: 'lsd', floorDb: 80 },
  steps: 12000,
  peakLearningRate: 3e-4,
  finalLearningRate: 3e-5,
  warmupSteps: 200,
  clipNorm: 1,
  evalEvery: 500,
  seed: 1,
};

/**
 * A third stage, from the shipped model's weights (`--init`): the same loss plus the morph-path
 * term, so sounds between two latents change evenly (the evaluation's morphJumpRatio). Short and
 * at a low rate: the timbre space is kept, only its paths are straightened.
 */
export const TIMBRE_VAE_SMOOTH_RECIPE: VaeRecipe = {
  ...TIMBRE_VAE_RECIPE, // the same model, refined: its card keeps the name timbre-vae
  training: { ...TIMBRE_VAE_RECIPE.training, klWarmupSteps: 0, pathWeight: 0.5 },
  steps: 3000,
  peakLearningRate: 1e-4,
  finalLearningRate: 1e-5,
  warmupSteps: 100,
};

/**
 * A fourth stage, from the third's weights (`--init`): the same loss plus the fine low-frequency
 * term, so a low note's harmonics carry its power instead of noise between them (the mel bands
 * cannot tell the two apart; fine-spectrum.ts). Played, such a note has a clear pitch again.
 */
export const TIMBRE_VAE_FINE_RECIPE: VaeRecipe = {
  ...TIMBRE_VAE_SMOOTH_RECIPE,
  training: { ...TIMBRE_VAE_SMOOTH_RECIPE.training, fineWeight: 1, fineMaxHz: 1000 },
  steps: 600,
};

export const VAE_RECIPES: Record<string, VaeRecipe> = {
  'timbre-vae': TIMBRE_VAE_RECIPE,
  'timbre-vae-l1': TIMBRE_VAE_L1_RECIPE,
  'timbre-vae-smooth': TIMBRE_VAE_SMOOTH_RECIPE,
  'timbre-vae-fine': TIMBRE_VAE_FINE_RECIPE,
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
  /** data-parallel worker threads (1: train on this thread) */
  workers?: number;
  /** a timbre VAE folder (same layer sizes) to start from instead of random weights */
  initDir?: string;
  onProgress?: (event: TrainingProgress) => void;
  onLog?: (line: string) => void;
  signal?: AbortSignal;
}

export async function trainVae(options: TrainVaeOptions): Promise<{ result: TrainingResult; card: ModelCard; outDir: string }> {
  const recipe = options.recipe ?? TIMBRE_VAE_RECIPE;
  const log = options.onLog ?? ((): void => undefined);
  const outDir = resolve(options.outDir);
  const trainSet = await loadNoteSet(resolve(options.dataDir));
  // A folder that is no model fails here, in one line, before any worker starts.
  if (options.initDir) await loadModelFolderArrays(resolve(options.initDir));
  const training: VaeTrainingOptions = { ...recipe.training, seed: recipe.seed };
  const job: VaeTrainingJob = {
    config: recipe.config,
    training,
    dataDir: resolve(options.dataDir),
    ...(options.validationDir ? { validationDir: resolve(options.validationDir) } : {}),
    ...(options.initDir ? { initDir: resolve(options.initDir) } : {}),
  };
  const steps = options.steps ?? recipe.steps;
  const store = new FolderCheckpointStore(resolve(options.cacheDir ?? '.cache/vae', `checkpoints-${basename(outDir)}`));
  const trainingOptions: TrainingOptions = {
    steps,
    seed: recipe.seed,
    learningRate: { peak: recipe.peakLearningRate, warmupSteps: recipe.warmupSteps, final: recipe.finalLearningRate },
    clipNorm: recipe.clipNorm,
    evalEvery: Math.min(recipe.evalEvery, steps),
    checkpoint: { store, every: Math.min(recipe.evalEvery, steps) },
    resume: options.resume,
    onProgress: options.onProgress,
    signal: options.signal,
  };
  const workers = options.workers ?? 1;
  log(`computing features of ${trainSet.manifest.notes.length} notes${workers > 1 ? ` in each of ${workers} workers` : ''}…`);
  let result: TrainingResult;
  if (workers > 1) {
    result = await runTrainingParallel(new URL('./training-task-node.ts', import.meta.url).href, job, trainingOptions, workers);
  } else {
    const task = await createTrainingTask(job);
    try {
      result = await runTraining(task, trainingOptions);
    } finally {
      task.dispose();
    }
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
        reconstruction: recipe.training.reconstruction ?? 'l1',
        ...(recipe.training.reconstruction === 'lsd' ? { floorDb: recipe.training.floorDb ?? 80 } : {}),
        ...(recipe.training.pathWeight ? { pathWeight: recipe.training.pathWeight } : {}),
        ...(recipe.training.fineWeight ? { fineWeight: recipe.training.fineWeight, fineMaxHz: recipe.training.fineMaxHz ?? 1000 } : {}),
        ...(options.initDir ? { initialisedFrom: options.initDir } : {}),
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

