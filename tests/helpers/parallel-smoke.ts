import { runTrainingParallel } from '../../src/ml/runtime/parallel-training.ts';
import type { TrainingResult } from '../../src/ml/runtime/training-types.ts';

export const tinyTaskUrl = new URL('./tiny-regression-task.ts', import.meta.url).href;

/** Three steps of the tiny task on two workers. */
export function runParallelSmoke(): Promise<TrainingResult> {
  return runTrainingParallel(tinyTaskUrl, { seed: 4, inputs: 4, hidden: 8, batch: 8 }, { steps: 3, seed: 1, learningRate: { peak: 0.01, warmupSteps: 1, final: 0.001 } }, 2);
}
