/**
 * The flow prior in use: how typical a latent is (log-likelihood and its percentile among the
 * training sounds) and new latents drawn from it ("surprise me").
 */
import * as tf from '@tensorflow/tfjs';
import { AleaError } from '../../core/errors.ts';
import { createRng } from '../runtime/rng.ts';
import { FlowConfigSchema, type FlowConfig } from './config.ts';
import { flowInverse, flowLogProb, type FlowWeights } from './model.ts';

export interface Typicality {
  /** log p(z), nats */
  logProb: number;
  /** 0..100: the share of training sounds the model finds less likely than this one */
  percentile: number;
  /** below the 1st percentile: the model has seldom heard anything like it */
  unusual: boolean;
}

export class FlowPrior {
  private disposed = false;

  constructor(
    readonly config: FlowConfig,
    private readonly weights: FlowWeights,
    readonly weightsHash: string,
  ) {}

  /** @throws AleaError 'model' when config.json is not a flow's or a weight is missing */
  static fromLoaded(config: unknown, weights: Record<string, tf.Tensor>, weightsHash: string): FlowPrior {
    const parsed = FlowConfigSchema.safeParse(config);
    if (!parsed.success) throw new AleaError('model', `config.json is not a flow prior's (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
    for (const name of ['flow.mean', 'flow.std', `coupling.${parsed.data.couplings - 1}.2.w`]) {
      if (!(name in weights)) throw new AleaError('model', `the flow's weights lack '${name}'`);
    }
    return new FlowPrior(parsed.data, weights, weightsHash);
  }

  logProb(latents: Float32Array[]): number[] {
    this.check(latents);
    if (latents.length === 0) return [];
    const flat = new Float32Array(latents.length * this.config.dim);
    latents.forEach((z, i) => flat.set(z, i * this.config.dim));
    const out = tf.tidy(() => flowLogProb(this.weights, this.config, tf.tensor2d(flat, [latents.length, this.config.dim])));
    const values = Array.from(out.dataSync());
    out.dispose();
    return values;
  }

  typicality(latent: Float32Array): Typicality {
    const [logProb] = this.logProb([latent]);
    const percentile = percentileOf(this.config.logProbPercentiles, logProb);
    return { logProb, percentile, unusual: percentile < 1 };
  }

  /** `count` latents; `temperature` < 1 stays nearer the typical sounds. Same seed, same latents. */
  sample(count: number, seed: number, temperature = 0.8): Float32Array[] {
    this.assertUsable();
    if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`sample count must be a whole number ≥ 1 (got ${count})`);
    const rng = createRng(`flow-sample:${seed}`);
    const base = new Float32Array(count * this.config.dim);
    for (let i = 0; i < base.length; i++) base[i] = rng.normal() * temperature;
    const out = tf.tidy(() => flowInverse(this.weights, this.config, tf.tensor2d(base, [count, this.config.dim])));
    const flat = Float32Array.from(out.dataSync());
    out.dispose();
    return Array.from({ length: count }, (_, i) => flat.slice(i * this.config.dim, (i + 1) * this.config.dim));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose(Object.values(this.weights));
  }

  private assertUsable(): void {
    if (this.disposed) throw new AleaError('failure', 'this flow prior has been disposed');
  }

  private check(latents: Float32Array[]): void {
    this.assertUsable();
    for (const z of latents) {
      if (z.length !== this.config.dim) throw new AleaError('bad-input', `a latent of ${z.length} values reached a flow over ${this.config.dim}`);
    }
  }
}

/** Where `value` falls among 101 ascending percentile values, interpolated, 0..100. */
export function percentileOf(percentiles: readonly number[], value: number): number {
  if (value <= percentiles[0]) return 0;
  const last = percentiles.length - 1;
  if (value >= percentiles[last]) return 100;
  let i = 0;
  while (i < last && percentiles[i + 1] < value) i++;
  const span = percentiles[i + 1] - percentiles[i];
  return span > 0 ? i + (value - percentiles[i]) / span : i;
}

/** The 101 percentiles (0..100) of `values`, for FlowConfig.logProbPercentiles. */
export function percentiles(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return Array.from({ length: 101 }, (_, p) => {
    const pos = (p / 100) * (sorted.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  });
}
