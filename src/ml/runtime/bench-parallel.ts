import type { BenchMlpConfig } from './bench-mlp-task.ts';
import { createTrainingTask } from './bench-mlp-task.ts';
import { runTrainingParallel } from './parallel-training.ts';
import { runTraining } from './training-loop.ts';
import type { TrainingOptions } from './training-types.ts';

export interface ParallelTrainingFigure {
  workers: number;
  steps: number;
  /** items (rows) per second, one process on the whole batch */
  singleItemsPerSecond: number;
  /** items per second with `workers` worker threads */
  parallelItemsPerSecond: number;
  /** parallel / single */
  speedup: number;
}

/** A matmul-heavy MLP (2 residual blocks, d 256, hidden 1024, 2048 rows a step). */
export const BENCH_MLP_CONFIG: BenchMlpConfig = { seed: 1, batch: 2048, dModel: 256, hidden: 1024, blocks: 2 };

/**
 * Training throughput in this process against `workers` worker threads (Node only). Worker
 * start-up is not counted: the figure is the steady rate reported by the training loop.
 */
export async function benchParallelTraining(steps = 6, workers = 2, config: BenchMlpConfig = BENCH_MLP_CONFIG): Promise<ParallelTrainingFigure> {
  if (steps < 2) throw new RangeError('benchParallelTraining needs at least 2 steps');
  const options: TrainingOptions = { steps, seed: 1, learningRate: { peak: 1e-3, warmupSteps: 1, final: 1e-4 } };
  // Rate between the first and the last step's end: start-up and first allocations excluded.
  const clock = (): { mark: () => void; rate: () => number } => {
    const marks: number[] = [];
    return { mark: () => marks.push(performance.now()), rate: () => ((marks.length - 1) * config.batch * 1000) / (marks[marks.length - 1] - marks[0]) };
  };
  const single = clock();
  const task = await createTrainingTask(config);
  await runTraining(task, { ...options, onProgress: single.mark });
  task.dispose();
  const parallel = clock();
  await runTrainingParallel(new URL('./bench-mlp-task.ts', import.meta.url).href, config, { ...options, onProgress: parallel.mark }, workers);
  const singleItemsPerSecond = single.rate();
  const parallelItemsPerSecond = parallel.rate();
  return { workers, steps, singleItemsPerSecond, parallelItemsPerSecond, speedup: parallelItemsPerSecond / singleItemsPerSecond };
}
