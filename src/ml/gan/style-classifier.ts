/**
 * A small style classifier for judging remixes: softmax regression over the mean and the spread
 * in time of each clamped log-mel band (loudness-normalised). Trained on renders of known style,
 * it says which style a sound is closest to.
 */
import { loudnessNormalise, melDb } from '../../core/dsp/audio-metrics.ts';

const FLOOR_DB = 80;

/** [mean dB per band, std dB per band over frames] of a clip. */
export function styleFeature(samples: Float32Array, sampleRate: number): Float32Array {
  const frames = melDb(loudnessNormalise(samples), sampleRate, { nFft: 1024, nMels: 40 });
  const bands = frames[0]?.length ?? 40;
  const loudest = Math.max(...frames.map((f) => Math.max(...f)));
  const mean = new Float64Array(bands);
  const square = new Float64Array(bands);
  for (const frame of frames) {
    for (let m = 0; m < bands; m++) {
      const v = Math.max(frame[m], loudest - FLOOR_DB);
      mean[m] += v / frames.length;
      square[m] += (v * v) / frames.length;
    }
  }
  const out = new Float32Array(2 * bands);
  for (let m = 0; m < bands; m++) {
    out[m] = mean[m];
    out[bands + m] = Math.sqrt(Math.max(0, square[m] - mean[m] * mean[m]));
  }
  return out;
}

/**
 * Softmax regression over standardised features, fitted by full-batch gradient descent with L2
 * (deterministic: no random init, fixed iterations).
 */
export class StyleClassifier {
  private constructor(
    private readonly mean: Float64Array,
    private readonly scale: Float64Array,
    /** classes × (dims + 1), the last column the bias */
    private readonly weights: Float64Array[],
  ) {}

  /** `examples[style]` holds feature vectors of renders in that style. */
  static train(examples: readonly (readonly Float32Array[])[], iterations = 300, l2 = 1e-3): StyleClassifier {
    const dims = examples.find((e) => e.length > 0)?.[0].length ?? 0;
    const all = examples.flat();
    const mean = new Float64Array(dims);
    const square = new Float64Array(dims);
    for (const f of all) for (let d = 0; d < dims; d++) {
      mean[d] += f[d] / all.length;
      square[d] += (f[d] * f[d]) / all.length;
    }
    const scale = Float64Array.from(mean, (m, d) => 1 / Math.max(1e-3, Math.sqrt(Math.max(0, square[d] - m * m))));
    const classes = examples.length;
    const rows = examples.flatMap((list, c) => list.map((f) => ({ x: standardise(f, mean, scale), c })));
    const weights = Array.from({ length: classes }, () => new Float64Array(dims + 1));
    const grad = Array.from({ length: classes }, () => new Float64Array(dims + 1));
    const p = new Float64Array(classes);
    const rate = 0.5;
    for (let it = 0; it < iterations; it++) {
      for (const g of grad) g.fill(0);
      for (const { x, c } of rows) {
        softmax(weights, x, p);
        for (let k = 0; k < classes; k++) {
          const e = (p[k] - (k === c ? 1 : 0)) / rows.length;
          const g = grad[k];
          for (let d = 0; d < dims; d++) g[d] += e * x[d];
          g[dims] += e;
        }
      }
      for (let k = 0; k < classes; k++) for (let d = 0; d <= dims; d++) weights[k][d] -= rate * (grad[k][d] + (d < dims ? l2 * weights[k][d] : 0));
    }
    return new StyleClassifier(mean, scale, weights);
  }

  classify(feature: Float32Array): number {
    const p = new Float64Array(this.weights.length);
    softmax(this.weights, standardise(feature, this.mean, this.scale), p);
    return p.reduce((best, v, k) => (v > p[best] ? k : best), 0);
  }
}

function standardise(f: Float32Array, mean: Float64Array, scale: Float64Array): Float64Array {
  return Float64Array.from(f, (v, d) => (v - mean[d]) * scale[d]);
}

function softmax(weights: readonly Float64Array[], x: Float64Array, out: Float64Array): void {
  const dims = x.length;
  let max = -Infinity;
  weights.forEach((w, k) => {
    let z = w[dims];
    for (let d = 0; d < dims; d++) z += w[d] * x[d];
    out[k] = z;
    max = Math.max(max, z);
  });
  let sum = 0;
  for (let k = 0; k < out.length; k++) {
    out[k] = Math.exp(out[k] - max);
    sum += out[k];
  }
  for (let k = 0; k < out.length; k++) out[k] /= sum;
}
