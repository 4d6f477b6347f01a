import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTrainingParallel } from '../runtime/parallel-training.ts';
import type { TrainingOptions } from '../runtime/training-types.ts';
import { PRESETS, presetTrainingConfig, type PresetName } from '../transformer/train/presets.ts';
import { modelConfigFor } from '../transformer/train/training-task.ts';
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

const TASK_MODULE = new URL('../transformer/train/training-task.ts', import.meta.url).href;

const BENCH_OPTIONS = (steps: number): TrainingOptions => ({
  steps,
  seed: 1,
  learningRate: { peak: 1e-3, warmupSteps: 1, final: 1e-3 },
  clipNorm: 1,
});

/**
 * Training throughput of a Continue preset on its real data (Node, wasm): a few steps on one
 * worker thread, then the same on `workers` threads. The first step of each is a warm-up and not timed.
 */
export async function benchContinueTraining(preset: PresetName, dataDir: string, steps = 4, workers = 2): Promise<TrainingThroughputFigure> {
  // The tokenized corpus is cached in the system's temporary folder, never in the user's current folder.
  const config = presetTrainingConfig(PRESETS[preset], resolve(dataDir), join(tmpdir(), 'alea-bench', 'transformer'));
  const modelConfig = modelConfigFor(config);
  const tokensPerStep = config.batchSize * config.model.contextLength;

  // Both on worker threads, the single-thread figure too: the wasm heap a training step grows
  // never shrinks, so training on this thread would keep gigabytes for the rest of the bench
  // (7.2 GB peak before).
  const timedSeconds = async (threads: number): Promise<number> => {
    let seconds = 0;
    let lastElapsed = 0;
    await runTrainingParallel(TASK_MODULE, config, {
      ...BENCH_OPTIONS(steps),
      onProgress: (p) => {
        if (p.step > 1) seconds += p.elapsedSeconds - lastElapsed;
        lastElapsed = p.elapsedSeconds;
      },
    }, threads);
    return seconds;
  };
  const singleSeconds = await timedSeconds(1);
  const parallelSeconds = await timedSeconds(workers);
  const tokensPerSecond = ((steps - 1) * tokensPerStep) / singleSeconds;
  return {
    preset,
    tokensPerSecond,
    gflops: (tokensPerSecond * trainingFlopsPerToken(modelConfig, config.model.contextLength)) / 1e9,
    workers,
    parallelTokensPerSecond: ((steps - 1) * tokensPerStep) / parallelSeconds,
  };
}
