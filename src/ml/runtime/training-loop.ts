import * as tf from '@tensorflow/tfjs';
import type { TrainingCheckpoint } from './checkpoint.ts';
import { Trainer } from './trainer.ts';
import type { GroupStepFigures, TrainingOptions, TrainingProgress, TrainingResult, TrainingTask } from './training-types.ts';

export type { TrainingOptions, TrainingProgress, TrainingResult, TrainingTask } from './training-types.ts';

type Evals = TrainingCheckpoint['evals'];

export function isEvalStep(done: number, options: TrainingOptions): boolean {
  const every = options.evalEvery;
  return every !== undefined && every > 0 && (done % every === 0 || done === options.steps);
}

export function isCheckpointStep(done: number, options: TrainingOptions): boolean {
  const cp = options.checkpoint;
  return cp !== undefined && cp.every > 0 && (done % cp.every === 0 || done === options.steps);
}

export function validateTrainingOptions(options: TrainingOptions): void {
  const { steps } = options;
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`training steps must be a whole number ≥ 0, got ${steps}`);
  const schedules = [['', options.learningRate], ...Object.entries(options.groups ?? {}).map(([name, g]) => [` of group '${name}'`, g.learningRate] as const)] as const;
  for (const [where, learningRate] of schedules) {
    if (learningRate === undefined) continue;
    if (!(learningRate.peak > 0)) throw new RangeError(`peak learning rate${where} must be > 0, got ${learningRate.peak}`);
    if (!(learningRate.warmupSteps >= 0)) throw new RangeError(`warm-up steps${where} must be ≥ 0, got ${learningRate.warmupSteps}`);
  }
}

/** What one update step reports: the last group update's figures, and every group's when the task has groups. */
export interface StepFigures {
  loss: number;
  learningRate: number;
  gradNorm: number;
  groups?: Record<string, GroupStepFigures>;
}

/** The figures of a step made of the group updates `updates` (in order). */
export function stepFigures(updates: Array<GroupStepFigures & { group: string }>, grouped: boolean): StepFigures {
  const last = updates[updates.length - 1] ?? { loss: Number.NaN, learningRate: 0, gradNorm: 0 };
  const figures: StepFigures = { loss: last.loss, learningRate: last.learningRate, gradNorm: last.gradNorm };
  if (grouped) figures.groups = Object.fromEntries(updates.map(({ group, ...f }) => [group, f]));
  return figures;
}

/**
 * What the loop drives: one process (a Trainer) or data-parallel replicas. The loop owns when to
 * resume, evaluate, report and save; the runner owns how a step is computed.
 */
export interface StepRunner {
  itemsPerBatch: number;
  restore(checkpoint: TrainingCheckpoint): Promise<void>;
  /** applies update `step` (0-based): every group update of it */
  step(step: number): Promise<StepFigures>;
  evaluate(): Promise<Record<string, number> | undefined>;
  checkpoint(done: number, elapsedSeconds: number, evals: Evals, loss: number): Promise<TrainingCheckpoint>;
}

/**
 * The step/eval/checkpoint skeleton every trainer shares: resumes from the store's latest
 * checkpoint when asked, runs the steps, evaluates every `evalEvery`, reports progress after each
 * step, saves every `checkpoint.every` and when stopped by `signal`.
 */
export async function driveTraining(runner: StepRunner, options: TrainingOptions): Promise<TrainingResult> {
  let start = 0;
  let earlierSeconds = 0;
  let evals: Evals = [];
  let finalLoss = Number.NaN;
  if (options.resume && options.checkpoint) {
    const cp = await options.checkpoint.store.latest();
    if (cp) {
      await runner.restore(cp);
      start = Math.min(cp.step, options.steps);
      earlierSeconds = cp.elapsedSeconds;
      evals = cp.evals;
      finalLoss = cp.loss ?? Number.NaN;
    }
  }
  const began = performance.now();
  const elapsed = (): number => earlierSeconds + (performance.now() - began) / 1000;
  const save = async (done: number): Promise<void> => {
    await options.checkpoint?.store.save(await runner.checkpoint(done, elapsed(), evals, finalLoss));
  };
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
    const figures = await runner.step(step);
    computeSeconds += (performance.now() - t0) / 1000;
    finalLoss = figures.loss;
    done = step + 1;

    const evaluated = isEvalStep(done, options) ? await runner.evaluate() : undefined;
    if (evaluated) evals.push({ step: done, figures: evaluated });
    const event: TrainingProgress = {
      step: done,
      steps: options.steps,
      loss: figures.loss,
      learningRate: figures.learningRate,
      gradNorm: figures.gradNorm,
      ...(figures.groups ? { groups: figures.groups } : {}),
      itemsPerSecond: ((done - start) * runner.itemsPerBatch) / Math.max(computeSeconds, 1e-9),
      elapsedSeconds: elapsed(),
      ...(evaluated ? { eval: evaluated } : {}),
    };
    options.onProgress?.(event);
    await options.pause?.();
    if (isCheckpointStep(done, options)) {
      await save(done);
      savedAt = done;
    }
  }
  if (stopped && options.checkpoint && done > savedAt) await save(done);
  return { finalLoss, steps: done, seconds: elapsed(), evals, stopped };
}

/** The runner of a single process: the Trainer on the whole batch. */
function localRunner<B>(task: TrainingTask<B>, trainer: Trainer<B>): StepRunner {
  return {
    itemsPerBatch: task.itemsPerBatch,
    restore: async (cp) => trainer.restore(cp),
    step: async (step) => {
      const updates = trainer.phases(step).map((group) => {
        const { loss, grads } = trainer.gradients(step, 0, 1, group);
        const gradNorm = trainer.apply(grads, step, group);
        tf.dispose(grads);
        return { group, loss, gradNorm, learningRate: trainer.learningRate(step, group) };
      });
      return stepFigures(updates, trainer.grouped);
    },
    evaluate: async () => (task.evaluate ? await task.evaluate() : undefined),
    checkpoint: async (done, seconds, evals, loss) => trainer.checkpoint(done, seconds, evals, loss),
  };
}

/**
 * Trains `task` for `options.steps` updates with AdamW, a warm-up + cosine learning rate and
 * optional clipping, evaluation and checkpoints (per parameter group when the task has groups).
 * Deterministic: the same task and options give the same weights, and a run resumed from a
 * checkpoint gives the same weights as one never stopped. The caller owns `task` (and disposes it).
 */
export async function runTraining<B>(task: TrainingTask<B>, options: TrainingOptions): Promise<TrainingResult> {
  validateTrainingOptions(options);
  const trainer = new Trainer(task, options);
  try {
    return await driveTraining(localRunner(task, trainer), options);
  } finally {
    trainer.dispose();
  }
}
