import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RealDft, dftMatrix } from '../../../src/ml/runtime/fast-ops.ts';
import { expectClose, randomTensor } from '../../helpers/tensor-compare.ts';
import { expectNoTensorLeaks, useWasmBackend } from '../../helpers/tensor-leaks.ts';

useWasmBackend();

/** Textbook real DFT in float64, the reference. */
function naiveRealDft(x: ArrayLike<number>): { re: number[]; im: number[] } {
  const n = x.length;
  const re: number[] = [];
  const im: number[] = [];
  for (let k = 0; k <= n / 2; k++) {
    let r = 0;
    let i = 0;
    for (let t = 0; t < n; t++) {
      r += x[t] * Math.cos((2 * Math.PI * k * t) / n);
      i -= x[t] * Math.sin((2 * Math.PI * k * t) / n);
    }
    re.push(r);
    im.push(i);
  }
  return { re, im };
}

describe('RealDft', () => {
  it.each([64, 255, 2048])('matches the textbook DFT for n = %i', (n) => {
    const dft = new RealDft(n);
    const x = randomTensor([2, n], n);
    const { re, im } = dft.transform(x);
    expect(re.shape).toEqual([2, Math.floor(n / 2) + 1]);
    const rows = x.arraySync() as number[][];
    const reRows = re.arraySync() as number[][];
    const imRows = im.arraySync() as number[][];
    rows.forEach((row, r) => {
      const expected = naiveRealDft(row);
      expectClose(reRows[r], expected.re, 1e-4);
      expectClose(imRows[r], expected.im, 1e-4);
    });
    tf.dispose([x, re, im]);
    dft.dispose();
  });

  it('finds a windowed sine in its bin and has the analytic gradient', () => {
    const n = 128;
    const hann = Array.from({ length: n }, (_, t) => 0.5 - 0.5 * Math.cos((2 * Math.PI * t) / n));
    const dft = new RealDft(n, hann);
    const sine = tf.tensor1d(Array.from({ length: n }, (_, t) => Math.sin((2 * Math.PI * 10 * t) / n)));
    const magnitude = dft.magnitude(sine);
    expect(tf.argMax(magnitude).dataSync()[0]).toBe(10);
    // d/dx Σ_k w_k·re_k = C·w: the gradient is the basis times the probe.
    const probe = randomTensor([n / 2 + 1], 3);
    const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(dft.transform(x).re, probe)))(sine);
    const { real, imag } = dftMatrix(n, hann);
    expectClose(grad, tf.matMul(real, tf.reshape(probe, [-1, 1])).reshape([n]));
    tf.dispose([sine, magnitude, probe, grad, real, imag]);
    dft.dispose();
  });

  it('has a finite magnitude gradient at silence, and leaks nothing', async () => {
    const dft = new RealDft(32);
    await expectNoTensorLeaks(() =>
      tf.tidy(() => {
        const grad = tf.grad((x: tf.Tensor) => tf.sum(dft.magnitude(x)))(tf.zeros([32]));
        expect(grad.dataSync().every(Number.isFinite)).toBe(true);
      }),
    );
    dft.dispose();
    expect(() => new RealDft(4096)).toThrow(/2\.\.2048/);
  });
});
