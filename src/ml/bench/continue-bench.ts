import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTrainingParallel } from '../runtime/parallel-training.ts';
import { runTraining } from '../runtime/training-loop.ts';
import type { TrainingOptions } from '../runtime/training-types.ts';
import { PRESETS, presetTrainingConfig, type PresetName } from '../transformer/train/presets.ts';
import { createTransformerTrainingTask, modelConfigFor } from '../transformer/train/training-task.ts';
import { trainingFlopsPerToken } from './training-bench.ts';

export interface TrainingThroughputFigure {
  preset: PresetName;
  /** one thread */
  tokensPerSecond: number;
  gflops: number;
  /** data-parallel worker threads */
  workers: number;
  parallelTokensPerSecond: number;
}

const BENCH_OPTIONS = (steps: number): TrainingOptions => ({
  steps,
  seed: 1,
  learningRate: { peak: 1e-3, warmupSteps: 1, final: 1e-3 },
  clipNorm: 1,
});

/**
 * Training throughput of a Continue preset on its real data (Node, wasm): a few steps on this
 * thread, then the same on `workers` threads. The first step of each is a warm-up and not timed.
 */
export async function benchContinueTraining(preset: PresetName, dataDir: string, steps = 4, workers = 2): Promise<TrainingThroughputFigure> {
  // The tokenized corpus is cached in the system's temporary folder, never in the user's current folder.
  const config = presetTrainingConfig(PRESETS[preset], resolve(dataDir), join(tmpdir(), 'alea-bench', 'transformer'));
  const modelConfig = modelConfigFor(config);
  const tokensPerStep = config.batchSize * config.model.contextLength;

  const task = await createTransformerTrainingTask(config);
  let singleSeconds = 0;
  let lastElapsed = 0;
  try {
    await runTraining(task, {
      ...BENCH_OPTIONS(steps),
      onProgress: (p) => {
        if (p.step > 1) singleSeconds += p.elapsedSeconds - lastElapsed;
        lastElapsed = p.elapsedSeconds;
      },
    });
  } finally {
    task.dispose();
  }
  let parallelSeconds = 0;
  lastElapsed = 0;
  await runTrainingParallel(new URL('../transformer/train/training-task.ts', import.meta.url).href, config, {
    ...BENCH_OPTIONS(steps),
    onProgress: (p) => {
      if (p.step > 1) parallelSeconds += p.elapsedSeconds - lastElapsed;
      lastElapsed = p.elapsedSeconds;
    },
  }, workers);
  const tokensPerSecond = ((steps - 1) * tokensPerStep) / singleSeconds;
  return {
    preset,
    tokensPerSecond,
    gflops: (tokensPerSecond * trainingFlopsPerToken(modelConfig, config.model.contextLength)) / 1e9,
    workers,
    parallelTokensPerSecond: ((steps - 1) * tokensPerStep) / parallelSeconds,
  };
}
