import { AleaError } from '../../core/errors.ts';
import type { RngState } from './rng.ts';

/** Tensor contents outside tfjs: what checkpoints and workers pass around. */
export interface NamedArray {
  shape: number[];
  values: Float32Array;
}
export type NamedArrays = Record<string, NamedArray>;

/** Everything a run needs to continue exactly where it stopped. */
export interface TrainingCheckpoint {
  /** Updates already applied. */
  step: number;
  seed: number;
  weights: NamedArrays;
  /**
   * Adam's moments by variable name. With parameter groups the moments of every group are here
   * (a variable is in one group), and `groupUpdates` holds each group's own update count.
   */
  optimizer: { updates: number; firstMoments: NamedArrays; secondMoments: NamedArrays; groupUpdates?: Record<string, number> };
  /** The loop's own generator, for tasks that draw from it. */
  rng?: RngState;
  /** Seconds spent training before this checkpoint (wall time of earlier runs). */
  elapsedSeconds: number;
  /** Loss of the last step before the checkpoint (NaN when unknown). */
  loss?: number;
  evals: { step: number; figures: Record<string, number> }[];
}

/** Where checkpoints live: a folder in Node, memory in tests, IndexedDB later in the browser. */
export interface CheckpointStore {
  save(checkpoint: TrainingCheckpoint): Promise<void>;
  /** The most recent checkpoint, or null when the store is empty. */
  latest(): Promise<TrainingCheckpoint | null>;
}

function copyArrays(arrays: NamedArrays): NamedArrays {
  const out: NamedArrays = {};
  for (const [name, a] of Object.entries(arrays)) out[name] = { shape: [...a.shape], values: a.values.slice() };
  return out;
}

/** A deep copy, so that a stored checkpoint never aliases live buffers. */
export function cloneCheckpoint(cp: TrainingCheckpoint): TrainingCheckpoint {
  return {
    step: cp.step,
    seed: cp.seed,
    weights: copyArrays(cp.weights),
    optimizer: {
      updates: cp.optimizer.updates,
      firstMoments: copyArrays(cp.optimizer.firstMoments),
      secondMoments: copyArrays(cp.optimizer.secondMoments),
      ...(cp.optimizer.groupUpdates ? { groupUpdates: { ...cp.optimizer.groupUpdates } } : {}),
    },
    ...(cp.rng ? { rng: { ...cp.rng } } : {}),
    elapsedSeconds: cp.elapsedSeconds,
    ...(cp.loss === undefined ? {} : { loss: cp.loss }),
    evals: cp.evals.map((e) => ({ step: e.step, figures: { ...e.figures } })),
  };
}

/** Keeps checkpoints in memory (tests; short runs in a page). */
export class MemoryCheckpointStore implements CheckpointStore {
  private readonly saved: TrainingCheckpoint[] = [];

  async save(checkpoint: TrainingCheckpoint): Promise<void> {
    this.saved.push(cloneCheckpoint(checkpoint));
  }

  async latest(): Promise<TrainingCheckpoint | null> {
    const last = this.saved[this.saved.length - 1];
    return last ? cloneCheckpoint(last) : null;
  }

  /** Steps of every checkpoint saved so far, oldest first. */
  get steps(): number[] {
    return this.saved.map((c) => c.step);
  }
}

/**
 * The weights of a finished run's latest checkpoint, as arrays ready for saveModelFolderArrays
 * (no tensors made only to be read back); `keep` picks the ones a model folder ships.
 */
export async function latestCheckpointWeights(store: CheckpointStore, keep: (name: string) => boolean = () => true): Promise<NamedArrays> {
  const checkpoint = await store.latest();
  if (checkpoint === null) throw new AleaError('failure', 'training finished without a checkpoint to save');
  return Object.fromEntries(Object.entries(checkpoint.weights).filter(([name]) => keep(name)));
}
