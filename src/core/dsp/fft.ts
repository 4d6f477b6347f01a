/**
 * Real FFT of power-of-two sizes, wrapping fft.js (radix-4, the fastest pure-JS FFT measured by
 * its authors). Spectra are split into separate re/im arrays of nFft/2 + 1 bins (DC … Nyquist),
 * unnormalised forward (X[k] = Σ x[n] e^{−2πikn/N}) and 1/N on the inverse, as in numpy.
 */
import FFT from 'fft.js';
import { badInput } from '../errors.ts';

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 2 && (n & (n - 1)) === 0;
}

export function nextPowerOfTwo(n: number): number {
  let p = 2;
  while (p < n) p *= 2;
  return p;
}

type Samples = ArrayLike<number>;
type Writable = { [index: number]: number; length: number };

export class RealFft {
  readonly size: number;
  readonly bins: number;
  private readonly fft: FFT;
  private readonly input: Float64Array;
  private readonly spectrum: number[];
  private readonly full: number[];
  private readonly output: number[];

  constructor(size: number) {
    if (!isPowerOfTwo(size) || size < 4) throw badInput(`FFT size must be a power of two ≥ 4 (got ${size})`);
    this.size = size;
    this.bins = size / 2 + 1;
    this.fft = new FFT(size);
    this.input = new Float64Array(size);
    this.spectrum = this.fft.createComplexArray();
    this.full = this.fft.createComplexArray();
    this.output = this.fft.createComplexArray();
  }

  /** Forward transform of `size` real samples (shorter input is zero-padded) into re/im bins. */
  forward(signal: Samples, re: Writable, im: Writable): void {
    const n = Math.min(signal.length, this.size);
    for (let i = 0; i < n; i++) this.input[i] = signal[i];
    this.input.fill(0, n);
    this.fft.realTransform(this.spectrum, this.input);
    for (let k = 0; k < this.bins; k++) {
      re[k] = this.spectrum[2 * k];
      im[k] = this.spectrum[2 * k + 1];
    }
  }

  /** Inverse transform of nFft/2 + 1 bins (Hermitian symmetry assumed) into `size` real samples. */
  inverse(re: Samples, im: Samples, out: Writable): void {
    const full = this.full;
    const n = this.size;
    for (let k = 0; k < this.bins; k++) {
      full[2 * k] = re[k];
      full[2 * k + 1] = im[k];
    }
    // The imaginary parts of DC and Nyquist cannot exist in a real signal's spectrum.
    full[1] = 0;
    full[n + 1] = 0;
    for (let k = this.bins; k < n; k++) {
      full[2 * k] = re[n - k];
      full[2 * k + 1] = -im[n - k];
    }
    this.fft.inverseTransform(this.output, full);
    for (let i = 0; i < n; i++) out[i] = this.output[2 * i];
  }
}

const plans = new Map<number, RealFft>();

/** A shared transform of the given size (fft.js precomputes tables per size). */
export function realFft(size: number): RealFft {
  let plan = plans.get(size);
  if (plan === undefined) {
    plan = new RealFft(size);
    plans.set(size, plan);
  }
  return plan;
}

/** |X[k]| for each bin. */
export function magnitude(re: Samples, im: Samples): Float32Array {
  const out = new Float32Array(re.length);
  for (let k = 0; k < re.length; k++) out[k] = Math.sqrt(re[k] * re[k] + im[k] * im[k]);
  return out;
}

/** arg X[k] in (−π, π] for each bin. */
export function phase(re: Samples, im: Samples): Float32Array {
  const out = new Float32Array(re.length);
  for (let k = 0; k < re.length; k++) out[k] = Math.atan2(im[k], re[k]);
  return out;
}

/** Amplitude of a sinusoid from a bin of an unwindowed real FFT of size n: 2|X|/n (|X|/n at DC/Nyquist). */
export function binAmplitude(re: number, im: number, bin: number, size: number): number {
  const edge = bin === 0 || bin === size / 2;
  return (Math.hypot(re, im) * (edge ? 1 : 2)) / size;
}
