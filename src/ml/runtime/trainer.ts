import * as tf from '@tensorflow/tfjs';
import { AleaError } from '../../core/errors.ts';
import { AdamW } from './adamw.ts';
import type { NamedArrays, TrainingCheckpoint } from './checkpoint.ts';
import { learningRateAt } from './lr-schedule.ts';
import type { TrainingOptions, TrainingTask } from './training-types.ts';

/**
 * One replica's half of a training step, split in two so that data-parallel training can
 * average gradients between them: `gradients` (forward + backward on a shard of the batch) and
 * `apply` (clip + AdamW on the averaged gradient). Variables are always handled in sorted-name
 * order.
 */
export class Trainer<Batch> {
  readonly names: string[];
  private readonly variables: tf.Variable[];
  private readonly optimizer: AdamW;

  constructor(
    private readonly task: TrainingTask<Batch>,
    private readonly options: TrainingOptions,
  ) {
    this.names = Object.keys(task.variables).sort();
    this.variables = this.names.map((n) => task.variables[n]);
    this.optimizer = new AdamW(task.variables, {
      beta1: options.beta1,
      beta2: options.beta2,
      epsilon: options.epsilon,
      weightDecay: options.weightDecay,
      clipNorm: options.clipNorm,
    });
  }

  /** Mean loss and its gradients (sorted-name order; caller disposes) on one shard of `step`'s batch. */
  gradients(step: number, shard = 0, shardCount = 1): { loss: number; grads: tf.Tensor[] } {
    const batch = this.task.makeBatch(step, shard, shardCount);
    try {
      return tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => this.task.loss(batch, true, step), this.variables);
        const loss = value.dataSync()[0];
        if (!Number.isFinite(loss)) {
          throw new AleaError('failure', `training diverged: the loss is ${loss} at step ${step + 1}`);
        }
        // A variable the loss does not reach gets a zero gradient (tfjs leaves it out).
        const ordered = this.variables.map((w) => grads[w.name] ?? tf.zerosLike(w));
        return { loss, grads: ordered };
      });
    } finally {
      this.task.disposeBatch?.(batch);
    }
  }

  /** Learning rate of update `step` (0-based). */
  learningRate(step: number): number {
    return learningRateAt(step, this.options.steps, this.options.learningRate);
  }

  /** Applies update `step` (0-based); returns the gradient's global norm before clipping. */
  apply(grads: tf.Tensor[], step: number): number {
    return this.optimizer.apply(grads, this.learningRate(step));
  }

  /** Total number of values in all variables (the length of a flat gradient). */
  get size(): number {
    return this.variables.reduce((n, w) => n + w.size, 0);
  }

  /** Gradients packed into one array (to send between threads). */
  flatten(grads: tf.Tensor[]): Float32Array {
    const flat = new Float32Array(this.size);
    let offset = 0;
    grads.forEach((g) => {
      flat.set(g.dataSync() as Float32Array, offset);
      offset += g.size;
    });
    return flat;
  }

  /** The inverse of `flatten`; the caller disposes the tensors. */
  unflatten(flat: Float32Array): tf.Tensor[] {
    let offset = 0;
    return this.variables.map((w) => {
      const t = tf.tensor(flat.subarray(offset, offset + w.size), w.shape);
      offset += w.size;
      return t;
    });
  }

  weights(): NamedArrays {
    return Object.fromEntries(
      this.names.map((n, i) => [n, { shape: [...this.variables[i].shape], values: Float32Array.from(this.variables[i].dataSync()) }]),
    );
  }

  checkpoint(step: number, elapsedSeconds: number, evals: TrainingCheckpoint['evals'], loss?: number): TrainingCheckpoint {
    return {
      step,
      seed: this.options.seed,
      weights: this.weights(),
      optimizer: this.optimizer.getState(),
      elapsedSeconds,
      ...(loss === undefined || Number.isNaN(loss) ? {} : { loss }),
      evals: evals.map((e) => ({ step: e.step, figures: { ...e.figures } })),
    };
  }

  /** Puts weights and optimizer state back; refuses a checkpoint of another model or seed. */
  restore(cp: TrainingCheckpoint): void {
    if (cp.seed !== this.options.seed) {
      throw new AleaError('usage', `cannot resume: the checkpoint was trained with seed ${cp.seed}, not ${this.options.seed}`);
    }
    this.names.forEach((n, i) => {
      const w = this.variables[i];
      const saved = cp.weights[n];
      if (!saved) throw new AleaError('model', `cannot resume: the checkpoint has no weight named ${n}`);
      if (saved.shape.join('x') !== w.shape.join('x')) {
        throw new AleaError('model', `cannot resume: weight ${n} is [${saved.shape}] in the checkpoint, [${w.shape}] in the model`);
      }
      tf.tidy(() => w.assign(tf.tensor(saved.values, w.shape)));
    });
    this.optimizer.setState(cp.optimizer);
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}
