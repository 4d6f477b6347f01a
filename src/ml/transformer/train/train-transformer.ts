import { basename, resolve } from 'node:path';
import { AleaError } from '../../../core/errors.ts';
import { FolderCheckpointStore } from '../../runtime/checkpoint-node.ts';
import type { ModelCard } from '../../runtime/model-card.ts';
import { saveModelFolderArrays } from '../../runtime/model-io-node.ts';
import { latestCheckpointWeights } from '../../runtime/checkpoint.ts';
import { runTrainingParallel } from '../../runtime/parallel-training.ts';
import { runTraining } from '../../runtime/training-loop.ts';
import type { TrainingOptions, TrainingProgress, TrainingResult } from '../../runtime/training-types.ts';
import { parameterCount } from '../model/config.ts';
import { PRESETS, presetTrainingConfig, type PresetName, type TransformerPreset } from './presets.ts';
import { createTransformerTrainingTask, loadTrainingSplit, modelConfigFor, type TransformerTrainingConfig } from './training-task.ts';

/** Trains a Continue model in Node and writes its model folder (weights, config.json, card.json). */

export interface CustomRecipe extends Omit<TransformerPreset, 'name' | 'config' | 'defaultDataDir'> {
  name: string;
  config: TransformerTrainingConfig;
}

export interface TrainTransformerOptions {
  outDir: string;
  preset: PresetName | CustomRecipe;
  /** data folder (MIDI files, or the JSB folder/JSON); defaults to the preset's */
  dataDir?: string;
  steps?: number;
  /** continue from the latest checkpoint */
  resume?: boolean;
  /** data-parallel worker threads (true: 2); false or 1: this thread only */
  parallel?: boolean | number;
  /** tokenized corpus and checkpoints; default `.cache/transformer` */
  cacheDir?: string;
  onProgress?: (event: TrainingProgress) => void;
  signal?: AbortSignal;
}

export interface TrainTransformerResult {
  result: TrainingResult;
  card: ModelCard;
  outDir: string;
}

export async function trainTransformer(options: TrainTransformerOptions): Promise<TrainTransformerResult> {
  const recipe = typeof options.preset === 'string' ? PRESETS[options.preset] : options.preset;
  if (recipe === undefined) throw new AleaError('usage', `unknown preset '${String(options.preset)}'`);
  const cacheDir = resolve(options.cacheDir ?? '.cache/transformer');
  const outDir = resolve(options.outDir);
  const config = 'defaultDataDir' in recipe
    ? presetTrainingConfig(recipe, resolve(options.dataDir ?? recipe.defaultDataDir), cacheDir)
    : withDataDir(recipe.config, options.dataDir);
  // Tokenize once here, so worker threads find the cache, and count what the model sees.
  const { split, tokenizer } = await loadTrainingSplit(config);
  if (split.train.length === 0) throw new AleaError('bad-input', 'no training pieces were found in the data');
  const trainTokens = split.train.reduce((n, p) => n + p.ids.length, 0);

  const store = new FolderCheckpointStore(resolve(cacheDir, `checkpoints-${basename(outDir)}`));
  const steps = options.steps ?? recipe.steps;
  const trainingOptions: TrainingOptions = {
    steps,
    seed: config.seed,
    learningRate: recipe.learningRate,
    weightDecay: recipe.weightDecay,
    clipNorm: recipe.clipNorm,
    evalEvery: Math.min(recipe.evalEvery, steps),
    checkpoint: { store, every: Math.min(recipe.evalEvery, steps) },
    resume: options.resume,
    onProgress: options.onProgress,
    signal: options.signal,
  };
  const workers = options.parallel === true ? 2 : typeof options.parallel === 'number' ? options.parallel : 1;
  let result: TrainingResult;
  if (workers > 1) {
    result = await runTrainingParallel(new URL('./training-task.ts', import.meta.url).href, config, trainingOptions, workers);
  } else {
    const task = await createTransformerTrainingTask(config);
    try {
      result = await runTraining(task, trainingOptions);
    } finally {
      task.dispose();
    }
  }

  const modelConfig = modelConfigFor(config);
  const weights = await latestCheckpointWeights(store);
  const lastEval = result.evals.at(-1)?.figures ?? {};
  const saved = await saveModelFolderArrays(outDir, {
    weights,
    config: modelConfig,
    card: {
      name: recipe.name,
      family: 'transformer',
      description: recipe.description,
      trainedOn: `${recipe.trainedOn} (${split.train.length} training pieces, ${trainTokens} ${tokenizer.config.kind} tokens)`,
      steps: result.steps,
      trainingTimeSeconds: Math.round(result.seconds),
      parameters: parameterCount(modelConfig),
      metrics: { ...lastEval, finalTrainLoss: result.finalLoss, tokensSeen: result.steps * config.batchSize * config.model.contextLength },
      createdWith: 'alea train transformer',
      recipe: {
        preset: recipe.name,
        batchSize: config.batchSize,
        contextLength: config.model.contextLength,
        optimizer: 'AdamW',
        peakLearningRate: recipe.learningRate.peak,
        warmupSteps: recipe.learningRate.warmupSteps,
        finalLearningRate: recipe.learningRate.final,
        schedule: 'linear warm-up, cosine decay',
        weightDecay: recipe.weightDecay,
        clipNorm: recipe.clipNorm,
        dropout: config.model.dropout,
        maxTranspose: config.maxTranspose,
        ...(config.infillRate ? { infillRate: config.infillRate } : {}),
        seed: config.seed,
        workers,
      },
      ...(recipe.references ? { references: recipe.references } : {}),
    },
  });
  return { result, card: saved.card, outDir };
}

function withDataDir(config: TransformerTrainingConfig, dataDir: string | undefined): TransformerTrainingConfig {
  if (dataDir === undefined) return config;
  const data = config.data.kind === 'jsb' ? { ...config.data, path: resolve(dataDir) } : { ...config.data, dir: resolve(dataDir) };
  return { ...config, data };
}
