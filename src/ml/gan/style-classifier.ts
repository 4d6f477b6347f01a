/**
 * A small style classifier for judging remixes: nearest centroid over the mean and the spread in
 * time of each clamped log-mel band (loudness-normalised), dimensions standardised over the
 * training renders. Trained on renders of known style, it says which style a sound is closest to.
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

export class StyleClassifier {
  private constructor(
    private readonly centroids: Float32Array[],
    private readonly scale: Float32Array,
  ) {}

  /** `examples[style]` holds feature vectors of renders in that style. */
  static train(examples: readonly (readonly Float32Array[])[]): StyleClassifier {
    const dims = examples.find((e) => e.length > 0)?.[0].length ?? 0;
    const all = examples.flat();
    const mean = new Float64Array(dims);
    const square = new Float64Array(dims);
    for (const f of all) for (let d = 0; d < dims; d++) {
      mean[d] += f[d] / all.length;
      square[d] += (f[d] * f[d]) / all.length;
    }
    const scale = Float32Array.from(mean, (m, d) => 1 / Math.max(1e-3, Math.sqrt(Math.max(0, square[d] - m * m))));
    const centroids = examples.map((list) => {
      const c = new Float32Array(dims);
      for (const f of list) for (let d = 0; d < dims; d++) c[d] += (f[d] * scale[d]) / list.length;
      return c;
    });
    return new StyleClassifier(centroids, scale);
  }

  classify(feature: Float32Array): number {
    let best = 0;
    let bestDistance = Infinity;
    this.centroids.forEach((c, s) => {
      let d = 0;
      for (let i = 0; i < c.length; i++) d += (feature[i] * this.scale[i] - c[i]) ** 2;
      if (d < bestDistance) [best, bestDistance] = [s, d];
    });
    return best;
  }
}
