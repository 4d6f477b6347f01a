import * as tf from '@tensorflow/tfjs';
import type { NamedArrays } from './checkpoint.ts';

export interface AdamWOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Decoupled decay (AdamW), applied to rank-2 weights only: not to biases, gains or scalars. */
  weightDecay?: number;
  /** Global-norm clipping of the whole gradient before the update. */
  clipNorm?: number;
}

export interface AdamWState {
  updates: number;
  firstMoments: NamedArrays;
  secondMoments: NamedArrays;
}

/**
 * Adam with decoupled weight decay and global-norm clipping, written as a handful of
 * elementwise ops per variable (fast on wasm) and with state that can be read out and put back
 * exactly, so that a resumed run repeats an uninterrupted one bit for bit.
 */
export class AdamW {
  private readonly names: string[];
  private readonly variables: tf.Variable[];
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly weightDecay: number;
  private readonly clipNorm: number | undefined;
  /** Updates applied so far (Adam's t). */
  updates = 0;

  constructor(variables: Record<string, tf.Variable>, options: AdamWOptions = {}) {
    this.names = Object.keys(variables).sort();
    this.variables = this.names.map((n) => variables[n]);
    const zeros = (w: tf.Variable): tf.Variable => tf.tidy(() => tf.variable(tf.zerosLike(w), false));
    this.m = this.variables.map(zeros);
    this.v = this.variables.map(zeros);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    this.clipNorm = options.clipNorm;
  }

  /**
   * One update from gradients given in sorted-name order (the order of `names`).
   * Returns the global gradient norm before clipping. Does not dispose `grads`.
   */
  apply(grads: tf.Tensor[], learningRate: number): number {
    if (grads.length !== this.variables.length) {
      throw new Error(`AdamW.apply: ${grads.length} gradients for ${this.variables.length} variables`);
    }
    this.updates += 1;
    const t = this.updates;
    const { beta1, beta2 } = this;
    // Bias correction folded into the step size, as in tf.train.adam.
    const stepSize = (learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    const norm = tf.tidy(() => {
      const globalNorm = tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g)))));
      const clip = this.clipNorm;
      const scale = clip === undefined ? tf.scalar(1) : tf.div(clip, tf.maximum(globalNorm, clip));
      this.variables.forEach((w, i) => {
        const g = tf.mul(grads[i], scale);
        const m = tf.add(tf.mul(this.m[i], beta1), tf.mul(g, 1 - beta1));
        const v = tf.add(tf.mul(this.v[i], beta2), tf.mul(tf.square(g), 1 - beta2));
        this.m[i].assign(m);
        this.v[i].assign(v);
        const decayed = this.weightDecay > 0 && w.rank === 2 ? tf.mul(w, 1 - learningRate * this.weightDecay) : w;
        w.assign(tf.sub(decayed, tf.mul(tf.div(m, tf.add(tf.sqrt(v), this.epsilon)), stepSize)));
      });
      return globalNorm.dataSync()[0];
    });
    return norm;
  }

  getState(): AdamWState {
    const read = (vars: tf.Variable[]): NamedArrays =>
      Object.fromEntries(this.names.map((n, i) => [n, { shape: [...vars[i].shape], values: Float32Array.from(vars[i].dataSync()) }]));
    return { updates: this.updates, firstMoments: read(this.m), secondMoments: read(this.v) };
  }

  setState(state: AdamWState): void {
    const write = (vars: tf.Variable[], arrays: NamedArrays, what: string): void => {
      this.names.forEach((n, i) => {
        const a = arrays[n];
        if (!a) throw new Error(`optimizer state has no ${what} for ${n}`);
        tf.tidy(() => vars[i].assign(tf.tensor(a.values, vars[i].shape)));
      });
    };
    write(this.m, state.firstMoments, 'first moment');
    write(this.v, state.secondMoments, 'second moment');
    this.updates = state.updates;
  }

  dispose(): void {
    for (const t of [...this.m, ...this.v]) t.dispose();
  }
}
