/**
 * A tiny, randomly initialised timbre VAE (and the host side that hands it to plugins), so
 * Latent Synth's plumbing is tested in milliseconds without a trained model.
 */
import * as tf from '@tensorflow/tfjs';
import type { LoadedModel } from '../../src/ml/runtime/model-io.ts';
import { DEFAULT_VAE_CONFIG, type VaeConfig } from '../../src/ml/vae/config.ts';
import { createVaeVariables } from '../../src/ml/vae/model.ts';
import { createFlowVariables } from '../../src/ml/flow/model.ts';
import type { Disposable, ModelResolver } from '../../src/plugins/types.ts';

export const TINY_VAE_CONFIG: VaeConfig = {
  ...DEFAULT_VAE_CONFIG,
  sampleRate: 8000,
  nFft: 256,
  hop: 128,
  nMels: 16,
  harmonics: 8,
  latentDim: 4,
  encoderHidden: [16],
  decoderHidden: [16],
  holdSeconds: 0.25,
  releaseSeconds: 0.1,
  encoderSegments: [
    [0, 4],
    [4, 24],
  ],
};

/** The checked folder a host would hand a plugin's build function (fresh tensors each call). */
export function tinyVaeFolder(seed = 1): LoadedModel {
  const vars = createVaeVariables(TINY_VAE_CONFIG, seed);
  const weights: Record<string, tf.Tensor> = {};
  for (const [name, v] of Object.entries(vars)) {
    weights[name] = v.clone();
    v.dispose();
  }
  return {
    weights,
    config: TINY_VAE_CONFIG,
    weightsHash: `tiny-${seed}`,
    card: { name: 'tiny-vae', family: 'vae', description: 'test', trainedOn: 'nothing', steps: 0, trainingTimeSeconds: 0, parameters: 0, metrics: {}, files: {}, createdWith: 'test' },
  };
}

/** A host's model resolver over in-memory folders: builds each model once, disposes on `release`. */
export class MemoryModelResolver implements ModelResolver {
  private readonly built = new Map<string, Disposable>();
  readonly loads: string[] = [];

  constructor(private readonly folders: Record<string, () => LoadedModel>) {}

  async load<M extends Disposable>(ref: string, build: (loaded: LoadedModel) => M): Promise<M> {
    this.loads.push(ref);
    const cached = this.built.get(ref);
    // Each ref is built by one builder in these tests, so the cached value is an M.
    if (cached !== undefined) return cached as M;
    const folder = this.folders[ref];
    if (folder === undefined) throw new Error(`no model '${ref}'`);
    const model = build(folder());
    this.built.set(ref, model);
    return model;
  }

  release(): void {
    for (const model of this.built.values()) model.dispose();
    this.built.clear();
  }
}

/** A flow over the tiny VAE's latents (identity couplings, standard percentiles), tied to `vaeHash`. */
export function tinyFlowFolder(vaeHash = 'tiny-1'): LoadedModel {
  const dim = TINY_VAE_CONFIG.latentDim;
  // log N(z; 0, I) in 4-D runs from about −3.7 (the mode) downwards: percentiles from −20 to −3.7
  const logProbPercentiles = Array.from({ length: 101 }, (_, p) => -20 + (16.3 * p) / 100);
  const config = { family: 'flow', dim, couplings: 2, hidden: 8, maxLogScale: 3, vae: { name: 'tiny-vae', weightsHash: vaeHash }, logProbPercentiles } as const;
  const vars = createFlowVariables({ ...config, logProbPercentiles: [...logProbPercentiles] }, 1, new Float32Array(dim), new Float32Array(dim).fill(1));
  const weights: Record<string, tf.Tensor> = {};
  for (const [name, v] of Object.entries(vars)) {
    weights[name] = v.clone();
    v.dispose();
  }
  return {
    weights,
    config,
    weightsHash: 'tiny-flow',
    card: { name: 'tiny-flow', family: 'flow', description: 'test', trainedOn: 'nothing', steps: 0, trainingTimeSeconds: 0, parameters: 0, metrics: {}, files: {}, createdWith: 'test' },
  };
}
