import type { AleaErrorKind } from '../../core/errors.ts';
import type { TrainingCheckpoint } from './checkpoint.ts';
import type { TrainingOptions } from './training-types.ts';

/** The parts of TrainingOptions a worker needs (no functions, stores or signals). */
export type ReplicaOptions = Omit<TrainingOptions, 'checkpoint' | 'resume' | 'onProgress' | 'signal' | 'pause'>;

/** Main thread → worker. Each request gets exactly one reply. */
export type ToReplica =
  | { kind: 'init'; moduleUrl: string; config: unknown; options: ReplicaOptions; shard: number; shardCount: number; backend?: string }
  | { kind: 'restore'; checkpoint: TrainingCheckpoint }
  /** the gradient of the step's `phase`-th group update (see Trainer.phases) */
  | { kind: 'gradients'; step: number; phase: number }
  | { kind: 'apply'; step: number; phase: number; gradient: Float32Array }
  | { kind: 'evaluate' }
  | { kind: 'checkpoint'; step: number; elapsedSeconds: number; evals: TrainingCheckpoint['evals']; loss: number }
  | { kind: 'close' };

/** Worker → main thread. */
export type FromReplica =
  | { kind: 'ready'; itemsPerBatch: number; backend: string; grouped: boolean }
  | { kind: 'restored' }
  /** `phases`: how many group updates this step has; `group`: the one this gradient is for */
  | { kind: 'gradients'; loss: number; gradient: Float32Array; group: string; phases: number }
  | { kind: 'applied'; gradNorm: number; learningRate: number }
  | { kind: 'evaluated'; figures: Record<string, number> | null }
  | { kind: 'checkpoint'; checkpoint: TrainingCheckpoint }
  | { kind: 'closed' }
  | { kind: 'error'; message: string; errorKind?: AleaErrorKind };

/** A module a worker can train: it builds the same task (same initial weights) from `config`. */
export interface TrainingTaskModule {
  createTrainingTask(config: unknown): Promise<import('./training-types.ts').TrainingTask<unknown>>;
}
