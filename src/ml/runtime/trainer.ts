import * as tf from '@tensorflow/tfjs';
import { AleaError } from '../../core/errors.ts';
import { AdamW } from './adamw.ts';
import type { NamedArrays, TrainingCheckpoint } from './checkpoint.ts';
import { learningRateAt, type LearningRateSchedule } from './lr-schedule.ts';
import type { GroupOptimizerSettings, TrainingOptions, TrainingTask } from './training-types.ts';

/** The group of a task without `groups`: every variable, on `loss`. */
export const DEFAULT_GROUP = 'all';

interface Group<Batch> {
  name: string;
  /** sorted variable names */
  names: string[];
  variables: tf.Variable[];
  loss: (batch: Batch, training: boolean, step: number) => tf.Scalar;
  schedule: LearningRateSchedule;
  optimizer: AdamW;
}

/** A group's settings: its own where given, else the run's. */
export function groupSettings(options: TrainingOptions, group: string): GroupOptimizerSettings & { learningRate: LearningRateSchedule } {
  const own = options.groups?.[group] ?? {};
  return {
    learningRate: own.learningRate ?? options.learningRate,
    clipNorm: own.clipNorm ?? options.clipNorm,
    weightDecay: own.weightDecay ?? options.weightDecay,
    beta1: own.beta1 ?? options.beta1,
    beta2: own.beta2 ?? options.beta2,
    epsilon: own.epsilon ?? options.epsilon,
  };
}

/**
 * One replica's half of a training step, split in two so that data-parallel training can
 * average gradients between them: `gradients` (forward + backward on a shard of the batch) and
 * `apply` (clip + AdamW on the averaged gradient). Each parameter group has its own AdamW and
 * learning-rate schedule; a step updates the groups `phases(step)` names, one after another.
 * Within a group, variables are always handled in sorted-name order.
 */
export class Trainer<Batch> {
  /** every variable of the task, sorted */
  readonly names: string[];
  /** true when the task declares parameter groups */
  readonly grouped: boolean;
  private readonly variables: tf.Variable[];
  private readonly groups: Map<string, Group<Batch>>;

  constructor(
    private readonly task: TrainingTask<Batch>,
    private readonly options: TrainingOptions,
  ) {
    this.names = Object.keys(task.variables).sort();
    this.variables = this.names.map((n) => task.variables[n]);
    this.grouped = task.groups !== undefined;
    const declared = task.groups ?? [{ name: DEFAULT_GROUP, variables: this.names }];
    if (declared.length === 0) throw new AleaError('failure', 'a training task declares an empty list of parameter groups');
    for (const name of Object.keys(options.groups ?? {})) {
      if (!declared.some((g) => g.name === name)) throw new AleaError('usage', `training options name a parameter group '${name}' the task does not have`);
    }
    this.groups = new Map();
    const owner = new Map<string, string>();
    try {
      for (const g of declared) {
        if (this.groups.has(g.name)) throw new AleaError('failure', `parameter group '${g.name}' is declared twice`);
        const names = [...g.variables].sort();
        const variables: Record<string, tf.Variable> = {};
        for (const n of names) {
          const v = task.variables[n];
          if (v === undefined) throw new AleaError('failure', `parameter group '${g.name}' names an unknown variable '${n}'`);
          const other = owner.get(n);
          if (other !== undefined) throw new AleaError('failure', `variable '${n}' is in parameter groups '${other}' and '${g.name}'`);
          owner.set(n, g.name);
          variables[n] = v;
        }
        const loss = g.lossName === undefined ? task.loss : task.losses?.[g.lossName];
        if (loss === undefined) throw new AleaError('failure', `parameter group '${g.name}' descends a loss '${g.lossName}' the task does not define`);
        const settings = groupSettings(options, g.name);
        const optimizer = new AdamW(variables, {
          beta1: settings.beta1,
          beta2: settings.beta2,
          epsilon: settings.epsilon,
          weightDecay: settings.weightDecay,
          clipNorm: settings.clipNorm,
        });
        this.groups.set(g.name, { name: g.name, names, variables: names.map((n) => variables[n]), loss, schedule: settings.learningRate, optimizer });
      }
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  /** Names of the groups updated at `step`, in order. */
  phases(step: number): string[] {
    const names = this.task.schedule ? this.task.schedule(step) : [...this.groups.keys()];
    if (names.length === 0) throw new AleaError('failure', `the training schedule updates no parameter group at step ${step + 1}`);
    for (const n of names) this.group(n);
    return names;
  }

  /** Mean loss and the group's gradients (sorted-name order; caller disposes) on one shard of `step`'s batch. */
  gradients(step: number, shard = 0, shardCount = 1, group = this.firstGroup()): { loss: number; grads: tf.Tensor[] } {
    const g = this.group(group);
    const batch = this.task.makeBatch(step, shard, shardCount);
    try {
      return tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => g.loss(batch, true, step), g.variables);
        const loss = value.dataSync()[0];
        if (!Number.isFinite(loss)) {
          const what = this.grouped ? `the ${g.name} loss` : 'the loss';
          throw new AleaError('failure', `training diverged: ${what} is ${loss} at step ${step + 1}`);
        }
        // A variable the loss does not reach gets a zero gradient (tfjs leaves it out).
        const ordered = g.variables.map((w) => grads[w.name] ?? tf.zerosLike(w));
        return { loss, grads: ordered };
      });
    } finally {
      this.task.disposeBatch?.(batch);
    }
  }

  /** Learning rate of the group's update at `step` (0-based). */
  learningRate(step: number, group = this.firstGroup()): number {
    return learningRateAt(step, this.options.steps, this.group(group).schedule);
  }

  /** Applies the group's update at `step` (0-based); returns the gradient's global norm before clipping. */
  apply(grads: tf.Tensor[], step: number, group = this.firstGroup()): number {
    return this.group(group).optimizer.apply(grads, this.learningRate(step, group));
  }

  /** Number of values in the group's variables (the length of its flat gradient). */
  size(group = this.firstGroup()): number {
    return this.group(group).variables.reduce((n, w) => n + w.size, 0);
  }

  /** Gradients packed into one array (to send between threads). */
  flatten(grads: tf.Tensor[]): Float32Array {
    const flat = new Float32Array(grads.reduce((n, g) => n + g.size, 0));
    let offset = 0;
    grads.forEach((g) => {
      flat.set(g.dataSync() as Float32Array, offset);
      offset += g.size;
    });
    return flat;
  }

  /** The inverse of `flatten` for the group's variables; the caller disposes the tensors. */
  unflatten(flat: Float32Array, group = this.firstGroup()): tf.Tensor[] {
    let offset = 0;
    return this.group(group).variables.map((w) => {
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
      optimizer: this.optimizerState(),
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
    const { firstMoments, secondMoments } = cp.optimizer;
    for (const g of this.groups.values()) {
      const updates = this.grouped ? cp.optimizer.groupUpdates?.[g.name] : cp.optimizer.updates;
      if (updates === undefined) throw new AleaError('model', `cannot resume: the checkpoint has no optimizer state for parameter group '${g.name}'`);
      g.optimizer.setState({ updates, firstMoments, secondMoments });
    }
  }

  dispose(): void {
    for (const g of this.groups.values()) g.optimizer.dispose();
  }

  /**
   * A task without groups checkpoints its one optimizer as it always has; with groups, the
   * moments of all groups share the name space of the variables, and each group's update count
   * is kept by group name.
   */
  private optimizerState(): TrainingCheckpoint['optimizer'] {
    const states = [...this.groups.values()].map((g) => ({ name: g.name, state: g.optimizer.getState() }));
    if (!this.grouped) return states[0].state;
    return {
      updates: states.reduce((n, s) => n + s.state.updates, 0),
      firstMoments: Object.assign({}, ...states.map((s) => s.state.firstMoments)) as NamedArrays,
      secondMoments: Object.assign({}, ...states.map((s) => s.state.secondMoments)) as NamedArrays,
      groupUpdates: Object.fromEntries(states.map((s) => [s.name, s.state.updates])),
    };
  }

  private firstGroup(): string {
    return this.groups.keys().next().value ?? DEFAULT_GROUP;
  }

  private group(name: string): Group<Batch> {
    const g = this.groups.get(name);
    if (g === undefined) throw new AleaError('failure', `the training schedule names a parameter group '${name}' the task does not have`);
    return g;
  }
}
