import type * as tf from '@tensorflow/tfjs';
import type { CheckpointStore } from './checkpoint.ts';
import type { LearningRateSchedule } from './lr-schedule.ts';

/** A set of variables with its own optimizer, descending its own loss (e.g. a GAN's generator). */
export interface ParameterGroup {
  /** stable name: checkpoint and options key */
  name: string;
  /** names in the task's `variables` (a variable belongs to one group at most) */
  variables: string[];
  /** which of the task's `losses` this group descends; absent: the task's `loss` */
  lossName?: string;
}

/**
 * What a model family hands the training loop. A task without `groups` trains every variable on
 * `loss` with one optimizer; one with `groups` trains each group with its own optimizer on its
 * own loss, in the order `schedule` gives (a GAN: discriminator, then generator).
 */
export interface TrainingTask<Batch> {
  /** every trainable variable, by stable name (checkpoint keys) */
  variables: Record<string, tf.Variable>;
  /** deterministic: same (step, shard, shardCount) → same batch */
  makeBatch(step: number, shard: number, shardCount: number): Batch;
  /** scalar mean loss of the batch; called inside a gradient tape; `training` enables dropout */
  loss(batch: Batch, training: boolean, step: number): tf.Scalar;
  /** tokens (or items) in one batch, for throughput figures */
  itemsPerBatch: number;
  /** optional validation, returns named figures (e.g. { valNll: 2.1 }) */
  evaluate?(): Promise<Record<string, number>> | Record<string, number>;
  /** parameter groups (absent: one group of every variable, descending `loss`) */
  groups?: ParameterGroup[];
  /** named losses for the groups' `lossName`; called inside a gradient tape like `loss` */
  losses?: Record<string, (batch: Batch, training: boolean, step: number) => tf.Scalar>;
  /**
   * Names of the groups updated at `step`, in order; each group's gradient is taken after the
   * previous group's update (absent: every group, in declared order). Must be deterministic.
   */
  schedule?(step: number): string[];
  /** optional: frees what a batch holds (tensors), called once the step is done with it */
  disposeBatch?(batch: Batch): void;
  dispose(): void;
}

/** A group's own optimizer settings; what it leaves out comes from the TrainingOptions around it. */
export type GroupOptimizerSettings = Partial<Pick<TrainingOptions, 'learningRate' | 'clipNorm' | 'weightDecay' | 'beta1' | 'beta2' | 'epsilon'>>;

export interface TrainingOptions {
  steps: number;
  seed: number;
  /** linear warm-up, cosine decay */
  learningRate: LearningRateSchedule;
  /** global-norm gradient clipping */
  clipNorm?: number;
  /** AdamW-style decoupled decay on 2-D weights only */
  weightDecay?: number;
  /** Adam's betas and epsilon (defaults 0.9, 0.999, 1e-8) */
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** settings of the task's parameter groups, by group name (plain data: workers receive it) */
  groups?: Record<string, GroupOptimizerSettings>;
  /** evaluate every N steps (and after the last step) */
  evalEvery?: number;
  /** save every N steps, after the last step, and when stopped by `signal` */
  checkpoint?: { store: CheckpointStore; every: number };
  /** continue from the store's latest checkpoint (weights + Adam moments + step + rng) */
  resume?: boolean;
  /** after every step */
  onProgress?: (event: TrainingProgress) => void;
  /** stops after the current step (the result says so) */
  signal?: AbortSignal;
  /** awaited after each step: a worker yields to its event loop here, so a cancel message is read mid-run */
  pause?: () => Promise<void>;
}

export interface TrainingProgress {
  /** updates applied so far (1 after the first step) */
  step: number;
  steps: number;
  /** mean loss of this step's batch (with groups: of the step's last group update) */
  loss: number;
  learningRate: number;
  /** global gradient norm before clipping */
  gradNorm: number;
  /** tasks with groups: the figures of each group updated in this step, in update order */
  groups?: Record<string, GroupStepFigures>;
  /** items per second of training compute in this run (evaluation and saving excluded) */
  itemsPerSecond: number;
  /** wall seconds of training, earlier runs of a resumed training included */
  elapsedSeconds: number;
  eval?: Record<string, number>;
}

export interface TrainingResult {
  finalLoss: number;
  /** updates applied in total (equals options.steps unless stopped) */
  steps: number;
  /** wall seconds, earlier runs of a resumed training included */
  seconds: number;
  evals: { step: number; figures: Record<string, number> }[];
  /** true when `signal` stopped the run early */
  stopped: boolean;
}

/** One group's update within a step. */
export interface GroupStepFigures {
  loss: number;
  learningRate: number;
  gradNorm: number;
}

/** Figures renamed under a prefix, camel-cased: prefixFigures('heldOut', { logMelL1 }) → { heldOutLogMelL1 }. */
export function prefixFigures(prefix: string, figures: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [`${prefix}${k[0].toUpperCase()}${k.slice(1)}`, v]));
}
