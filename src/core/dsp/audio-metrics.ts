/**
 * How close two sounds are, without listeners (DESIGN.md, "Audio models: how to measure them").
 * Every distance compares loudness-normalised signals by default, so a louder copy scores as the
 * same sound; inputs of different lengths are compared over the shorter one.
 */
import { MelFilterbank } from './mel.ts';
import { StftPlan, stftMagnitudes } from './stft.ts';

export interface SpectralOptions {
  /** FFT size (default 1024) */
  nFft?: number;
  /** hop (default nFft / 4) */
  hop?: number;
  /** scale both signals to the same RMS first (default true) */
  normalise?: boolean;
}

export interface LogMelOptions extends SpectralOptions {
  /** mel bands (default 64) */
  nMels?: number;
  /** bands more than this many dB below the frame's loudest band are raised to that floor (default 80) */
  floorDb?: number;
}

/** Reference RMS for loudness normalisation (−20 dBFS). */
const TARGET_RMS = 0.1;
const EPS = 1e-8;

/** A copy scaled to RMS 0.1; silence stays silence. */
export function loudnessNormalise(samples: Float32Array): Float32Array {
  let sum = 0;
  for (const s of samples) sum += s * s;
  const level = Math.sqrt(sum / Math.max(1, samples.length));
  const out = new Float32Array(samples.length);
  if (!(level > 1e-9)) return out;
  const gain = TARGET_RMS / level;
  for (let i = 0; i < samples.length; i++) out[i] = samples[i] * gain;
  return out;
}

/**
 * Log-spectral distance in dB over log-mel bands: mean over frames of the RMS over bands of
 * 20·log10 of the ratio, each frame's bands clamped at `floorDb` below the louder of the two
 * frames' maxima (over raw bins, empty high bins would dominate).
 */
export function logSpectralDistance(ref: Float32Array, est: Float32Array, sampleRate: number, options: LogMelOptions = {}): number {
  const [a, b] = prepare(ref, est, options);
  return logSpectralDistanceDb(melDb(a, sampleRate, options), melDb(b, sampleRate, options), options.floorDb ?? 80);
}

/**
 * The same distance between log-mel frames already in dB (`melDb`): for references that are no
 * signal, such as a mean spectrum. Compared over the shorter of the two.
 */
export function logSpectralDistanceDb(melA: readonly Float32Array[], melB: readonly Float32Array[], floorDb = 80): number {
  const frames = Math.min(melA.length, melB.length);
  let total = 0;
  for (let t = 0; t < frames; t++) {
    const floor = Math.max(maxOf(melA[t]), maxOf(melB[t])) - floorDb;
    let sum = 0;
    for (let m = 0; m < melA[t].length; m++) {
      const d = Math.max(melA[t][m], floor) - Math.max(melB[t][m], floor);
      sum += d * d;
    }
    total += Math.sqrt(sum / melA[t].length);
  }
  return frames === 0 ? 0 : total / frames;
}

/** Spectral convergence ‖S − Ŝ‖_F / ‖S‖_F over linear STFT magnitudes (0 = identical). */
export function spectralConvergence(ref: Float32Array, est: Float32Array, options: SpectralOptions = {}): number {
  const [a, b] = prepare(ref, est, options);
  const nFft = options.nFft ?? 1024;
  const plan = new StftPlan({ nFft, hop: options.hop ?? nFft / 4 });
  const sa = stftMagnitudes(plan.forward(a));
  const sb = stftMagnitudes(plan.forward(b));
  let diff = 0;
  let norm = 0;
  for (let t = 0; t < sa.length; t++) {
    for (let k = 0; k < sa[t].length; k++) {
      const d = sa[t][k] - sb[t][k];
      diff += d * d;
      norm += sa[t][k] * sa[t][k];
    }
  }
  if (norm === 0) return diff === 0 ? 0 : Infinity;
  return Math.sqrt(diff / norm);
}

export const MSS_SIZES: readonly number[] = [2048, 1024, 512, 256, 128, 64];

/**
 * Multi-scale spectral distance (DDSP's loss): Σ over n of mean |S_n − Ŝ_n| + mean |log S_n − log Ŝ_n|
 * (window n, hop n/4). Means rather than sums, so clips of different lengths give comparable
 * figures; magnitudes in sinusoid-amplitude units (× 2/n), so every scale weighs alike; logs
 * floored 80 dB below the louder spectrogram's peak, so rounding noise in empty bins does not count.
 */
export function multiScaleSpectralDistance(
  ref: Float32Array,
  est: Float32Array,
  options: { sizes?: readonly number[]; normalise?: boolean; floorDb?: number } = {},
): number {
  const [a, b] = prepare(ref, est, options);
  const floorRatio = 10 ** (-(options.floorDb ?? 80) / 20);
  let total = 0;
  for (const n of options.sizes ?? MSS_SIZES) {
    const plan = new StftPlan({ nFft: n, hop: n / 4 });
    const sa = stftMagnitudes(plan.forward(a));
    const sb = stftMagnitudes(plan.forward(b));
    const unit = 2 / n;
    const floor = Math.max(EPS, Math.max(maxOfFrames(sa), maxOfFrames(sb)) * unit * floorRatio);
    let linear = 0;
    let log = 0;
    let count = 0;
    for (let t = 0; t < sa.length; t++) {
      for (let k = 0; k < sa[t].length; k++) {
        const x = sa[t][k] * unit;
        const y = sb[t][k] * unit;
        linear += Math.abs(x - y);
        log += Math.abs(Math.log(Math.max(x, floor)) - Math.log(Math.max(y, floor)));
        count++;
      }
    }
    total += count === 0 ? 0 : (linear + log) / count;
  }
  return total;
}

function maxOfFrames(frames: readonly Float32Array[]): number {
  let max = 0;
  for (const frame of frames) max = Math.max(max, maxOf(frame));
  return max;
}

/** The timbre feature φ for morph smoothness: the mean over frames of the clamped log-mel bands (dB). */
export function logMelMean(samples: Float32Array, sampleRate: number, options: LogMelOptions = {}): Float32Array {
  const input = options.normalise === false ? samples : loudnessNormalise(samples);
  const frames = melDb(input, sampleRate, options);
  const floorDb = options.floorDb ?? 80;
  const nMels = options.nMels ?? 64;
  const mean = new Float32Array(nMels);
  for (const frame of frames) {
    const floor = maxOf(frame) - floorDb;
    for (let m = 0; m < nMels; m++) mean[m] += Math.max(frame[m], floor) / frames.length;
  }
  return mean;
}

export interface MorphSmoothness {
  /** largest step over the mean step along the path: 1 = even steps */
  jumpRatio: number;
  /** straight-line distance over path length: 1 = no detour */
  pathEfficiency: number;
}

/** How evenly a sequence of features (e.g. logMelMean of K morph steps) moves from first to last. */
export function morphSmoothness(features: readonly Float32Array[]): MorphSmoothness {
  if (features.length < 2) throw new RangeError(`morphSmoothness needs at least 2 features, got ${features.length}`);
  const steps: number[] = [];
  for (let i = 1; i < features.length; i++) steps.push(distance(features[i - 1], features[i]));
  const pathLength = steps.reduce((sum, s) => sum + s, 0);
  if (pathLength === 0) return { jumpRatio: 1, pathEfficiency: 1 };
  const mean = pathLength / steps.length;
  return {
    jumpRatio: Math.max(...steps) / mean,
    pathEfficiency: distance(features[0], features[features.length - 1]) / pathLength,
  };
}

function distance(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`features differ in length (${a.length} vs ${b.length})`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return Math.sqrt(sum);
}

/** Both signals cut to the shorter length and, unless told otherwise, loudness-normalised. */
function prepare(ref: Float32Array, est: Float32Array, options: { normalise?: boolean }): [Float32Array, Float32Array] {
  const length = Math.min(ref.length, est.length);
  const a = ref.subarray(0, length);
  const b = est.subarray(0, length);
  return options.normalise === false ? [a, b] : [loudnessNormalise(a), loudnessNormalise(b)];
}

const filterbanks = new Map<string, MelFilterbank>();

/** Log-mel magnitudes in dB, frames × bands (band triangles peak at 1, so a band's level is its content's). */
export function melDb(samples: Float32Array, sampleRate: number, options: LogMelOptions = {}): Float32Array[] {
  const nFft = options.nFft ?? 1024;
  const nMels = options.nMels ?? 64;
  const key = `${sampleRate}/${nFft}/${nMels}`;
  let bank = filterbanks.get(key);
  if (bank === undefined) {
    bank = new MelFilterbank({ sampleRate, nFft, nMels, norm: 'none' });
    filterbanks.set(key, bank);
  }
  const plan = new StftPlan({ nFft, hop: options.hop ?? nFft / 4 });
  return bank.apply(stftMagnitudes(plan.forward(samples))).map((frame) => frame.map((v) => 20 * Math.log10(v + EPS)));
}

function maxOf(values: Float32Array): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  return max;
}
