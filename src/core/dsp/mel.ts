/**
 * Mel filterbanks (the same triangles as librosa.filters.mel) and their pseudo-inverse, plus
 * log compression helpers. 'slaney' is the Auditory Toolbox scale (linear below 1 kHz, log
 * above), librosa's default; 'htk' is 2595·log10(1 + f/700).
 */
import { badInput } from '../errors.ts';

export type MelScale = 'slaney' | 'htk';

export interface MelOptions {
  sampleRate: number;
  nFft: number;
  nMels: number;
  /** lowest band edge in Hz (default 0) */
  fmin?: number;
  /** highest band edge in Hz (default sampleRate / 2) */
  fmax?: number;
  scale?: MelScale;
  /** 'slaney' divides each triangle by its width so bands have equal area (default); 'none' peaks at 1 */
  norm?: 'slaney' | 'none';
}

const SLANEY_F_SP = 200 / 3;
const SLANEY_MIN_LOG_HZ = 1000;
const SLANEY_MIN_LOG_MEL = SLANEY_MIN_LOG_HZ / SLANEY_F_SP;
const SLANEY_LOG_STEP = Math.log(6.4) / 27;

export function hzToMel(hz: number, scale: MelScale = 'slaney'): number {
  if (scale === 'htk') return 2595 * Math.log10(1 + hz / 700);
  if (hz < SLANEY_MIN_LOG_HZ) return hz / SLANEY_F_SP;
  return SLANEY_MIN_LOG_MEL + Math.log(hz / SLANEY_MIN_LOG_HZ) / SLANEY_LOG_STEP;
}

export function melToHz(mel: number, scale: MelScale = 'slaney'): number {
  if (scale === 'htk') return 700 * (10 ** (mel / 2595) - 1);
  if (mel < SLANEY_MIN_LOG_MEL) return mel * SLANEY_F_SP;
  return SLANEY_MIN_LOG_HZ * Math.exp(SLANEY_LOG_STEP * (mel - SLANEY_MIN_LOG_MEL));
}

/** `count` frequencies in Hz, evenly spaced in mel from fmin to fmax inclusive. */
export function melFrequencies(count: number, fmin: number, fmax: number, scale: MelScale = 'slaney'): Float64Array {
  const lo = hzToMel(fmin, scale);
  const hi = hzToMel(fmax, scale);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = melToHz(count === 1 ? lo : lo + ((hi - lo) * i) / (count - 1), scale);
  return out;
}

export class MelFilterbank {
  readonly nMels: number;
  readonly bins: number;
  /** nMels rows of `bins` weights */
  readonly weights: Float32Array[];
  /** centre frequency of each band in Hz */
  readonly centers: Float64Array;
  /** [first, last) non-zero bin of each row: filters are sparse */
  private readonly extents: [number, number][];
  private inverseRows: Float32Array[] | undefined;

  constructor(options: MelOptions) {
    const { sampleRate, nFft, nMels } = options;
    const fmin = options.fmin ?? 0;
    const fmax = options.fmax ?? sampleRate / 2;
    const scale = options.scale ?? 'slaney';
    if (!Number.isInteger(nMels) || nMels < 1) throw badInput(`mel band count must be a positive whole number (got ${nMels})`);
    if (!(fmin >= 0 && fmin < fmax && fmax <= sampleRate / 2)) {
      throw badInput(`mel range ${fmin}..${fmax} Hz must satisfy 0 ≤ fmin < fmax ≤ ${sampleRate / 2}`);
    }
    this.nMels = nMels;
    this.bins = Math.floor(nFft / 2) + 1;
    const edges = melFrequencies(nMels + 2, fmin, fmax, scale);
    this.centers = edges.slice(1, nMels + 1);
    this.weights = [];
    this.extents = [];
    for (let m = 0; m < nMels; m++) {
      const [left, centre, right] = [edges[m], edges[m + 1], edges[m + 2]];
      const gain = options.norm === 'none' ? 1 : 2 / (right - left);
      const row = new Float32Array(this.bins);
      let first = this.bins;
      let last = 0;
      for (let k = 0; k < this.bins; k++) {
        const f = (k * sampleRate) / nFft;
        const w = Math.max(0, Math.min((f - left) / (centre - left), (right - f) / (right - centre)));
        if (w > 0) {
          row[k] = w * gain;
          first = Math.min(first, k);
          last = k + 1;
        }
      }
      this.weights.push(row);
      this.extents.push(first < last ? [first, last] : [0, 0]);
    }
  }

  /** Linear-frequency frames (magnitude or power, frames × bins) → mel frames (frames × nMels). */
  apply(frames: Float32Array[]): Float32Array[] {
    return frames.map((frame) => {
      if (frame.length !== this.bins) throw badInput(`spectrum frame has ${frame.length} bins, mel filterbank expects ${this.bins}`);
      const out = new Float32Array(this.nMels);
      for (let m = 0; m < this.nMels; m++) {
        const [first, last] = this.extents[m];
        const row = this.weights[m];
        let sum = 0;
        for (let k = first; k < last; k++) sum += row[k] * frame[k];
        out[m] = sum;
      }
      return out;
    });
  }

  /**
   * Mel frames → linear-frequency frames through the Moore–Penrose pseudo-inverse
   * Wᵀ(WWᵀ + εI)⁻¹, clipped at 0 (a spectrum has no negative energy). The minimum-norm
   * spectrum whose mel projection matches: a starting point for Griffin-Lim, not an exact inverse.
   */
  invert(melFrames: Float32Array[]): Float32Array[] {
    const rows = this.pseudoInverse();
    return melFrames.map((mel) => {
      if (mel.length !== this.nMels) throw badInput(`mel frame has ${mel.length} bands, expected ${this.nMels}`);
      const out = new Float32Array(this.bins);
      for (let k = 0; k < this.bins; k++) {
        const row = rows[k];
        let sum = 0;
        for (let m = 0; m < this.nMels; m++) sum += row[m] * mel[m];
        out[k] = sum > 0 ? sum : 0;
      }
      return out;
    });
  }

  /** bins rows of nMels weights (computed once). */
  pseudoInverse(): Float32Array[] {
    if (this.inverseRows === undefined) this.inverseRows = computePseudoInverse(this.weights, this.bins);
    return this.inverseRows;
  }
}

/** Wᵀ(WWᵀ + εI)⁻¹ via a Cholesky factorisation of the small nMels × nMels Gram matrix. */
function computePseudoInverse(weights: Float32Array[], bins: number): Float32Array[] {
  const n = weights.length;
  const gram = new Float64Array(n * n);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = 0; k < bins; k++) sum += weights[i][k] * weights[j][k];
      gram[i * n + j] = sum;
      gram[j * n + i] = sum;
    }
    maxDiag = Math.max(maxDiag, gram[i * n + i]);
  }
  // A small ridge keeps empty bands (narrower than a bin) from making the matrix singular.
  for (let i = 0; i < n; i++) gram[i * n + i] += maxDiag * 1e-8 + 1e-30;
  const lower = cholesky(gram, n);
  const rows: Float32Array[] = [];
  const column = new Float64Array(n);
  for (let k = 0; k < bins; k++) {
    // Row k of Wᵀ G⁻¹ is G⁻¹ (column k of W), G being symmetric.
    for (let m = 0; m < n; m++) column[m] = weights[m][k];
    choleskySolve(lower, n, column);
    rows.push(Float32Array.from(column));
  }
  return rows;
}

function cholesky(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = i === j ? Math.sqrt(Math.max(sum, 1e-300)) : sum / l[j * n + j];
    }
  }
  return l;
}

/** Solves (L Lᵀ) x = b in place. */
function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * n + k] * b[k];
    b[i] = sum / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i];
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i] * b[k];
    b[i] = sum / l[i * n + i];
  }
}

/** Natural-log compression ln(max(x, floor)), the usual input of spectrogram models. */
export function toLogMel(frames: Float32Array[], floor = 1e-5): Float32Array[] {
  return frames.map((frame) => frame.map((v) => Math.log(Math.max(v, floor))));
}

/** Inverse of toLogMel (values at the floor come back as the floor). */
export function fromLogMel(frames: Float32Array[]): Float32Array[] {
  return frames.map((frame) => frame.map((v) => Math.exp(v)));
}

/** 20·log10(max(x, floor)): magnitude in decibels. */
export function amplitudeToDb(frames: Float32Array[], floor = 1e-5): Float32Array[] {
  return frames.map((frame) => frame.map((v) => 20 * Math.log10(Math.max(v, floor))));
}
