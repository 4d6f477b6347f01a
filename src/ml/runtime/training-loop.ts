import * as tf from '@tensorflow/tfjs';
import type { TrainingCheckpoint } from './checkpoint.ts';
import { Trainer } from './trainer.ts';
import type { TrainingOptions, TrainingProgress, TrainingResult, TrainingTask } from './training-types.ts';

export type { TrainingOptions, TrainingProgress, TrainingResult, TrainingTask } from './training-types.ts';

type Evals = TrainingCheckpoint['evals'];

/** What both the single-process and the data-parallel loop share: when to evaluate and save. */
export function isEvalStep(done: number, options: TrainingOptions): boolean {
  const every = options.evalEvery;
  return every !== undefined && every > 0 && (done % every === 0 || done === options.steps);
}

export function isCheckpointStep(done: number, options: TrainingOptions): boolean {
  const cp = options.checkpoint;
  return cp !== undefined && cp.every > 0 && (done % cp.every === 0 || done === options.steps);
}

export function validateTrainingOptions(options: TrainingOptions): void {
  const { steps, learningRate } = options;
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`training steps must be a whole number ≥ 0, got ${steps}`);
  if (!(learningRate.peak > 0)) throw new RangeError(`peak learning rate must be > 0, got ${learningRate.peak}`);
  if (!(learningRate.warmupSteps >= 0)) throw new RangeError(`warm-up steps must be ≥ 0, got ${learningRate.warmupSteps}`);
}

/**
 * Trains `task` for `options.steps` updates with AdamW, a warm-up + cosine learning rate and
 * optional clipping, evaluation and checkpoints. Deterministic: the same task and options give the
 * same weights, and a run resumed from a checkpoint gives the same weights as one never stopped.
 * The caller owns `task` (and disposes it).
 */
export async function runTraining<B>(task: TrainingTask<B>, options: TrainingOptions): Promise<TrainingResult> {
  validateTrainingOptions(options);
  const trainer = new Trainer(task, options);
  try {
    let start = 0;
    let earlierSeconds = 0;
    let evals: Evals = [];
    let finalLoss = Number.NaN;
    if (options.resume && options.checkpoint) {
      const cp = await options.checkpoint.store.latest();
      if (cp) {
        trainer.restore(cp);
        start = Math.min(cp.step, options.steps);
        earlierSeconds = cp.elapsedSeconds;
        evals = cp.evals;
        finalLoss = cp.loss ?? Number.NaN;
      }
    }
    const began = performance.now();
    const elapsed = (): number => earlierSeconds + (performance.now() - began) / 1000;
    let computeSeconds = 0;
    let done = start;
    let stopped = false;
    let savedAt = start;

    for (let step = start; step < options.steps; step++) {
      if (options.signal?.aborted) {
        stopped = true;
        break;
      }
      const t0 = performance.now();
      const { loss, grads } = trainer.gradients(step);
      const gradNorm = trainer.apply(grads, step);
      tf.dispose(grads);
      computeSeconds += (performance.now() - t0) / 1000;
      finalLoss = loss;
      done = step + 1;

      const figures = isEvalStep(done, options) && task.evaluate ? await task.evaluate() : undefined;
      if (figures) evals.push({ step: done, figures });
      const event: TrainingProgress = {
        step: done,
        steps: options.steps,
        loss,
        learningRate: trainer.learningRate(step),
        gradNorm,
        itemsPerSecond: ((done - start) * task.itemsPerBatch) / Math.max(computeSeconds, 1e-9),
        elapsedSeconds: elapsed(),
        ...(figures ? { eval: figures } : {}),
      };
      options.onProgress?.(event);
      if (isCheckpointStep(done, options) && options.checkpoint) {
        await options.checkpoint.store.save(trainer.checkpoint(done, elapsed(), evals, finalLoss));
        savedAt = done;
      }
    }
    if (stopped && options.checkpoint && done > savedAt) {
      await options.checkpoint.store.save(trainer.checkpoint(done, elapsed(), evals, finalLoss));
    }
    return { finalLoss, steps: done, seconds: elapsed(), evals, stopped };
  } finally {
    trainer.dispose();
  }
}
