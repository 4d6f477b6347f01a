import * as tf from '@tensorflow/tfjs';
import { dense } from './matmul-ops.ts';

/**
 * The real DFT as a product with a fixed basis: wasm has no FFT kernel, and for n ≤ 2048 one
 * fast matmul beats an FFT written in small tfjs ops. Differentiable (the basis is a constant).
 */

export const MAX_DFT_SIZE = 2048;

/**
 * Basis of the real DFT of length n: `real` [n, n/2+1] holds cos(2πkt/n), `imag` holds
 * −sin(2πkt/n), optionally times a window along t. The caller disposes both.
 */
export function dftMatrix(n: number, window?: ArrayLike<number>): { real: tf.Tensor2D; imag: tf.Tensor2D } {
  if (!Number.isInteger(n) || n < 2 || n > MAX_DFT_SIZE) throw new RangeError(`DFT size must be a whole number in 2..${MAX_DFT_SIZE}, got ${n}`);
  if (window && window.length !== n) throw new RangeError(`DFT window has ${window.length} values, not ${n}`);
  const bins = Math.floor(n / 2) + 1;
  const re = new Float32Array(n * bins);
  const im = new Float32Array(n * bins);
  for (let t = 0; t < n; t++) {
    const w = window ? window[t] : 1;
    for (let k = 0; k < bins; k++) {
      // (k·t) mod n keeps the angle small, so float64 cos/sin stay exact before rounding.
      const angle = (2 * Math.PI * ((k * t) % n)) / n;
      re[t * bins + k] = w * Math.cos(angle);
      im[t * bins + k] = -w * Math.sin(angle);
    }
  }
  return { real: tf.tensor2d(re, [n, bins]), imag: tf.tensor2d(im, [n, bins]) };
}

/** A real DFT of fixed length that holds its basis (one [n, 2·bins] matrix); dispose() frees it. */
export class RealDft {
  readonly n: number;
  readonly bins: number;
  private readonly basis: tf.Tensor2D;

  constructor(n: number, window?: ArrayLike<number>) {
    const { real, imag } = dftMatrix(n, window);
    this.n = n;
    this.bins = real.shape[1];
    this.basis = tf.concat([real, imag], 1);
    tf.dispose([real, imag]);
  }

  /** x [..., n] → re, im [..., n/2+1] (one matmul). */
  transform(x: tf.Tensor): { re: tf.Tensor; im: tf.Tensor } {
    return tf.tidy(() => {
      const both = dense(x, this.basis);
      const lead = both.shape.slice(0, -1);
      const begin = lead.map(() => 0);
      return {
        re: tf.slice(both, [...begin, 0], [...lead, this.bins]),
        im: tf.slice(both, [...begin, this.bins], [...lead, this.bins]),
      };
    });
  }

  /** |X|² [..., n/2+1]. */
  power(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const { re, im } = this.transform(x);
      return tf.add(tf.square(re), tf.square(im));
    });
  }

  /** |X| [..., n/2+1]; `epsilon` keeps the gradient finite at zero. */
  magnitude(x: tf.Tensor, epsilon = 1e-12): tf.Tensor {
    return tf.tidy(() => tf.sqrt(tf.add(this.power(x), epsilon)));
  }

  dispose(): void {
    this.basis.dispose();
  }
}
