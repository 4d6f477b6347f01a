/** Trains the style GAN in Node and writes its model folder (generator weights, config.json, card.json). */
import { basename, resolve } from 'node:path';
import { AleaError } from '../../core/errors.ts';
import { FolderCheckpointStore } from '../runtime/checkpoint-node.ts';
import type { ModelCard } from '../runtime/model-card.ts';
import { saveModelFolderArrays } from '../runtime/model-io-node.ts';
import { latestCheckpointWeights } from '../runtime/checkpoint.ts';
import { runTraining } from '../runtime/training-loop.ts';
import { prefixFigures, type TrainingProgress, type TrainingResult } from '../runtime/training-types.ts';
import { DEFAULT_GAN_CONFIG, type GanConfig } from './config.ts';
import { loadStyleSet, styleSetFeatures } from './style-set-node.ts';
import { createGanTrainingTask, ganValidationFigures, type GanTrainingOptions } from './training-task.ts';

export interface GanRecipe {
  name: string;
  config: GanConfig;
  training: Omit<GanTrainingOptions, 'seed'>;
  steps: number;
  generatorLearningRate: number;
  discriminatorLearningRate: number;
  finalLearningRateShare: number;
  warmupSteps: number;
  clipNorm: number;
  evalEvery: number;
  seed: number;
}

export const STYLE_GAN_RECIPE: GanRecipe = {
  name: 'style-gan',
  config: DEFAULT_GAN_CONFIG,
  training: { patches: 16, patchFrames: 64, l1Weight: 20, mismatchWeight: 0.5, pianoShare: 0.5, identityShare: 0.15 },
  steps: 6000,
  generatorLearningRate: 5e-4,
  discriminatorLearningRate: 2e-4,
  finalLearningRateShare: 0.1,
  warmupSteps: 100,
  clipNorm: 1,
  evalEvery: 250,
  seed: 1,
};

export interface TrainGanOptions {
  dataDir: string;
  /** a style set from another SoundFont (its validation segments), for held-out figures during training */
  validationDir?: string;
  outDir: string;
  recipe?: GanRecipe;
  steps?: number;
  resume?: boolean;
  cacheDir?: string;
  onProgress?: (event: TrainingProgress) => void;
  onLog?: (line: string) => void;
  signal?: AbortSignal;
}

export async function trainGan(options: TrainGanOptions): Promise<{ result: TrainingResult; card: ModelCard; outDir: string }> {
  const recipe = options.recipe ?? STYLE_GAN_RECIPE;
  const log = options.onLog ?? ((): void => undefined);
  const outDir = resolve(options.outDir);
  const set = await loadStyleSet(resolve(options.dataDir));
  log(`computing features of ${set.manifest.segments.length} segments × ${set.manifest.styles.length} styles…`);
  const train = styleSetFeatures(set, recipe.config, 'train');
  if (train.segments.length === 0) throw new AleaError('bad-input', 'has no training segments', options.dataDir);
  const heldOut = styleSetFeatures(set, recipe.config, 'validation');
  const otherBank = options.validationDir ? styleSetFeatures(await loadStyleSet(resolve(options.validationDir)), recipe.config, 'validation') : undefined;
  const training: GanTrainingOptions = { ...recipe.training, seed: recipe.seed };
  const task = createGanTrainingTask(train, training, (vars) => ({
    ...(heldOut.segments.length > 0 ? ganValidationFigures(vars, heldOut, training) : ganValidationFigures(vars, train, training)),
    ...(otherBank && otherBank.segments.length > 0 ? prefixFigures('otherBank', ganValidationFigures(vars, otherBank, training)) : {}),
  }));
  const steps = options.steps ?? recipe.steps;
  const every = Math.min(recipe.evalEvery, steps);
  const store = new FolderCheckpointStore(resolve(options.cacheDir ?? '.cache/gan', `checkpoints-${basename(outDir)}`));
  const schedule = (peak: number): { peak: number; warmupSteps: number; final: number } => ({ peak, warmupSteps: recipe.warmupSteps, final: peak * recipe.finalLearningRateShare });
  let result: TrainingResult;
  try {
    result = await runTraining(task, {
      steps,
      seed: recipe.seed,
      learningRate: schedule(recipe.generatorLearningRate),
      groups: {
        generator: { learningRate: schedule(recipe.generatorLearningRate) },
        discriminator: { learningRate: schedule(recipe.discriminatorLearningRate) },
      },
      beta1: 0.5,
      beta2: 0.99,
      clipNorm: recipe.clipNorm,
      evalEvery: every,
      checkpoint: { store, every },
      resume: options.resume,
      onProgress: options.onProgress,
      signal: options.signal,
    });
  } finally {
    task.dispose();
  }
  // The model folder holds the generator only: the discriminator is for training (it stays in the checkpoints).
  const weights = await latestCheckpointWeights(store, (name) => name.startsWith('generator.'));
  const figures = result.evals.at(-1)?.figures ?? {};
  const saved = await saveModelFolderArrays(outDir, {
    weights,
    config: recipe.config,
    card: {
      name: recipe.name,
      family: 'gan',
      description: `Style GAN over log-mel spectrograms: plays a track in another instrument style (${recipe.config.styles.map((s) => s.name).join(', ')}) with the same notes.`,
      trainedOn: `${train.segments.length} paired segments × ${recipe.config.styles.length} styles rendered from ${set.manifest.soundfont.file} (${options.dataDir})`,
      steps: result.steps,
      trainingTimeSeconds: Math.round(result.seconds),
      metrics: { ...figures, finalGeneratorLoss: result.finalLoss },
      createdWith: 'alea train gan',
      recipe: {
        patches: recipe.training.patches,
        patchFrames: recipe.training.patchFrames,
        l1Weight: recipe.training.l1Weight,
        mismatchWeight: recipe.training.mismatchWeight,
        pianoShare: recipe.training.pianoShare,
        identityShare: recipe.training.identityShare,
        loss: 'LSGAN + L1 to the paired target (identity items included)',
        optimizer: 'AdamW (beta1 0.5, beta2 0.99), discriminator then generator each step',
        generatorLearningRate: recipe.generatorLearningRate,
        discriminatorLearningRate: recipe.discriminatorLearningRate,
        finalLearningRateShare: recipe.finalLearningRateShare,
        warmupSteps: recipe.warmupSteps,
        schedule: 'linear warm-up, cosine decay',
        clipNorm: recipe.clipNorm,
        seed: recipe.seed,
        collapseCheck: 'valSpreadRatio: spread of generated features across items / spread of the targets (≪ 1 = collapse)',
        ...(options.validationDir ? { validationSet: options.validationDir } : {}),
      },
    },
  });
  return { result, card: saved.card, outDir };
}

