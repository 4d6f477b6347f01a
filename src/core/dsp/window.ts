/**
 * Window functions. "Periodic" windows (length N, period N) are the ones for spectral analysis
 * with overlap-add; "symmetric" ones (period N − 1) are for FIR filter design.
 */

export type WindowSymmetry = 'periodic' | 'symmetric';

/** Hann window; periodic by default (the STFT's choice: it overlap-adds to a constant). */
export function hann(length: number, symmetry: WindowSymmetry = 'periodic'): Float32Array {
  return cosineWindow(length, symmetry, 0.5, 0.5);
}

/** Hamming window (0.54 − 0.46 cos). */
export function hamming(length: number, symmetry: WindowSymmetry = 'periodic'): Float32Array {
  return cosineWindow(length, symmetry, 0.54, 0.46);
}

function cosineWindow(length: number, symmetry: WindowSymmetry, a0: number, a1: number): Float32Array {
  const window = new Float32Array(length);
  if (length === 1) {
    window[0] = 1;
    return window;
  }
  const period = symmetry === 'periodic' ? length : length - 1;
  for (let i = 0; i < length; i++) window[i] = a0 - a1 * Math.cos((2 * Math.PI * i) / period);
  return window;
}

/** Modified Bessel function of the first kind, order 0 (power series; converges fast for x ≤ 50). */
export function besselI0(x: number): number {
  const half = x / 2;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 200; k++) {
    term *= (half / k) * (half / k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** Kaiser window value at x ∈ [−1, 1] (0 outside) for shape parameter beta. */
export function kaiserAt(x: number, beta: number): number {
  if (x < -1 || x > 1) return 0;
  return besselI0(beta * Math.sqrt(1 - x * x)) / besselI0(beta);
}

/** Symmetric Kaiser window of `length` points. */
export function kaiser(length: number, beta: number): Float32Array {
  const window = new Float32Array(length);
  const half = (length - 1) / 2;
  for (let i = 0; i < length; i++) window[i] = half === 0 ? 1 : kaiserAt((i - half) / half, beta);
  return window;
}

/** Kaiser's empirical beta for a stopband attenuation of `attenuationDb`. */
export function kaiserBeta(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7);
  if (attenuationDb >= 21) return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  return 0;
}
