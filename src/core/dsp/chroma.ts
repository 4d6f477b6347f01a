/**
 * Chroma: STFT energy folded onto the 12 pitch classes. Two renders of the same notes in
 * different instruments keep their chroma, so the correlation of two chromagrams says whether a
 * transformation kept the music (the notes), whatever it did to the timbre.
 */
import { StftPlan, stftMagnitudes } from './stft.ts';

export interface ChromaOptions {
  nFft?: number;
  hop?: number;
  /** lowest and highest frequencies counted, Hz (default 55..4000) */
  fmin?: number;
  fmax?: number;
}

/** Frames × 12 chroma energies (C = 0). */
export function chromagram(samples: Float32Array, sampleRate: number, options: ChromaOptions = {}): Float32Array[] {
  const nFft = options.nFft ?? 2048;
  const plan = new StftPlan({ nFft, hop: options.hop ?? nFft / 4 });
  const fmin = options.fmin ?? 55;
  const fmax = Math.min(options.fmax ?? 4000, sampleRate / 2);
  const classes = new Int8Array(plan.bins).fill(-1);
  for (let k = 1; k < plan.bins; k++) {
    const f = (k * sampleRate) / nFft;
    if (f >= fmin && f <= fmax) classes[k] = ((Math.round(69 + 12 * Math.log2(f / 440)) % 12) + 12) % 12;
  }
  return stftMagnitudes(plan.forward(samples)).map((frame) => {
    const chroma = new Float32Array(12);
    for (let k = 0; k < frame.length; k++) if (classes[k] >= 0) chroma[classes[k]] += frame[k] * frame[k];
    return chroma;
  });
}

/**
 * Mean over frames of the Pearson correlation of two chromagrams' frames, counting only frames
 * where the reference has energy (within 40 dB of its loudest frame); 1 = the same pitch content.
 */
export function chromaCorrelation(ref: Float32Array, est: Float32Array, sampleRate: number, options: ChromaOptions = {}): number {
  const a = chromagram(ref, sampleRate, options);
  const b = chromagram(est, sampleRate, options);
  const frames = Math.min(a.length, b.length);
  const energy = a.map((f) => f.reduce((s, v) => s + v, 0));
  const loudest = Math.max(0, ...energy);
  let total = 0;
  let counted = 0;
  for (let t = 0; t < frames; t++) {
    if (!(energy[t] > loudest * 1e-4)) continue;
    const r = pearson(a[t], b[t]);
    if (Number.isFinite(r)) {
      total += r;
      counted++;
    }
  }
  return counted === 0 ? 0 : total / counted;
}

function pearson(x: Float32Array, y: Float32Array): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}
