import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchMatMul, conv1dShifted, dense, embed, logSoftmaxCrossEntropy, matMul2d, type Conv1dPadding } from '../../../src/ml/runtime/fast-ops.ts';
import { expectClose, onBackend, randomTensor } from '../../helpers/tensor-compare.ts';
import { expectNoTensorLeaks, useWasmBackend } from '../../helpers/tensor-leaks.ts';

useWasmBackend();

/** Value and gradients of sum(f(...) ⊙ r) for a fixed random r, as plain arrays. */
function valueAndGrads(f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[], seed: number): { value: Float32Array; grads: Float32Array[] } {
  return tf.tidy(() => {
    const probe = (...args: tf.Tensor[]) => {
      const y = f(...args);
      return tf.sum(tf.mul(y, randomTensor(y.shape, seed)));
    };
    const grads = tf.grads(probe)(xs);
    return { value: f(...xs).dataSync() as Float32Array, grads: grads.map((g) => g.dataSync() as Float32Array) };
  });
}

function expectSame(a: { value: Float32Array; grads: Float32Array[] }, b: { value: Float32Array; grads: Float32Array[] }): void {
  expectClose(a.value, b.value);
  expect(a.grads).toHaveLength(b.grads.length);
  a.grads.forEach((g, i) => expectClose(g, b.grads[i]));
}

describe('matMul2d', () => {
  it('gives the value and gradients of tf.matMul', async () => {
    const a = randomTensor([37, 64], 1);
    const b = randomTensor([64, 29], 2);
    expectSame(valueAndGrads((x, y) => matMul2d(x as tf.Tensor2D, y as tf.Tensor2D), [a, b], 3), valueAndGrads((x, y) => tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D), [a, b], 3));
    await expectNoTensorLeaks(() => valueAndGrads((x, y) => matMul2d(x as tf.Tensor2D, y as tf.Tensor2D), [a, b], 3));
    tf.dispose([a, b]);
  });

  it('dense and batchMatMul agree with tfjs products, gradients included', () => {
    const x = randomTensor([3, 5, 8], 4);
    const w = randomTensor([8, 6], 5);
    const bias = randomTensor([6], 6);
    expectSame(
      valueAndGrads((a, b, c) => dense(a, b as tf.Tensor2D, c as tf.Tensor1D), [x, w, bias], 7),
      valueAndGrads((a, b, c) => tf.add(tf.matMul(tf.reshape(a, [15, 8]) as tf.Tensor2D, b as tf.Tensor2D).reshape([3, 5, 6]), c), [x, w, bias], 7),
    );
    const p = randomTensor([4, 7, 9], 8);
    const q = randomTensor([4, 9, 5], 9);
    expectSame(valueAndGrads((a, b) => batchMatMul(a as tf.Tensor3D, b as tf.Tensor3D), [p, q], 10), valueAndGrads((a, b) => tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D), [p, q], 10));
    tf.dispose([x, w, bias, p, q]);
  });

  it('embed looks up rows like tf.gather and trains the table on wasm', () => {
    const table = randomTensor([10, 4], 11) as tf.Tensor2D;
    const ids = tf.tensor2d([[1, 9, 0], [3, 3, 7]], [2, 3], 'int32');
    expectClose(embed(ids, table), tf.gather(table, ids));
    const grad = tf.grad((t: tf.Tensor) => tf.sum(embed(ids, t as tf.Tensor2D)))(table);
    // Each row's gradient counts how often the row was looked up.
    expect(Array.from(tf.sum(grad, 1).dataSync())).toEqual([4, 4, 0, 8, 0, 0, 0, 4, 0, 4]);
    tf.dispose([table, ids, grad]);
  });
});

describe('conv1dShifted', () => {
  // Made inside each test: describe bodies run before the wasm backend starts.
  const inputs = (): [tf.Tensor3D, tf.Tensor3D, tf.Tensor1D] => [
    randomTensor([2, 19, 6], 12) as tf.Tensor3D,
    randomTensor([5, 6, 7], 13) as tf.Tensor3D,
    randomTensor([7], 14) as tf.Tensor1D,
  ];

  const cases: { padding: Conv1dPadding; dilation: number }[] = [
    { padding: 'same', dilation: 1 },
    { padding: 'same', dilation: 2 },
    { padding: 'valid', dilation: 1 },
    { padding: 'valid', dilation: 3 },
    { padding: 'causal', dilation: 2 },
  ];
  /** tfjs's conv1d gradient refuses dilation > 1, so the reference dilates the kernel by hand. */
  const dilate = (kernel: tf.Tensor, dilation: number): tf.Tensor => {
    if (dilation === 1) return kernel;
    const gap = tf.zeros([dilation - 1, 6, 7]);
    const taps = tf.split(kernel, 5, 0);
    return tf.concat(taps.flatMap((tap, j) => (j < taps.length - 1 ? [tap, gap] : [tap])), 0);
  };
  const reference = (padding: Conv1dPadding, dilation: number) => (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => {
    const input = padding === 'causal' ? tf.pad(a, [[0, 0], [4 * dilation, 0], [0, 0]]) : a;
    return tf.add(tf.conv1d(input as tf.Tensor3D, dilate(b, dilation) as tf.Tensor3D, 1, padding === 'same' ? 'same' : 'valid'), c);
  };

  it.each(cases)('matches tf.conv1d ($padding, dilation $dilation), value and gradients', async ({ padding, dilation }) => {
    const [x, w, bias] = inputs();
    const ours = valueAndGrads((a, b, c) => conv1dShifted(a as tf.Tensor3D, b as tf.Tensor3D, { bias: c as tf.Tensor1D, padding, dilation }), [x, w, bias], 15);
    // tf.conv1d cannot train on wasm (no Conv2DBackpropFilter): its gradients come from cpu.
    const theirs = await onBackend('cpu', () => valueAndGrads(reference(padding, dilation), [x, w, bias], 15));
    expectSame(ours, theirs);
    tf.dispose([x, w, bias]);
  });

  it('keeps the length for same and causal padding, shortens it for valid, and leaks nothing', async () => {
    const [x, w] = inputs();
    await expectNoTensorLeaks(() => {
      const shapes = (['same', 'causal', 'valid'] as const).map((padding) => {
        const y = conv1dShifted(x, w, { padding, dilation: 2 });
        const shape = y.shape;
        y.dispose();
        return shape;
      });
      expect(shapes).toEqual([[2, 19, 7], [2, 19, 7], [2, 11, 7]]);
    });
    const wrong = randomTensor([3, 5, 2], 1) as tf.Tensor3D;
    expect(() => conv1dShifted(x, wrong)).toThrow(/6 channels, kernel expects 5/);
    tf.dispose([x, w, wrong]);
  });

  it('causal padding lets no frame see the future', () => {
    const [, w] = inputs();
    const step = tf.tidy(() => tf.concat([tf.zeros([1, 10, 6]), tf.ones([1, 9, 6])], 1)) as tf.Tensor3D;
    const y = conv1dShifted(step, w, { padding: 'causal', dilation: 2 });
    expect(Array.from(tf.sum(tf.abs(tf.slice(y, [0, 0, 0], [1, 10, 7]))).dataSync())).toEqual([0]);
    tf.dispose([step, y, w]);
  });
});

describe('logSoftmaxCrossEntropy', () => {
  let logits: tf.Tensor2D;
  let targets: tf.Tensor1D;
  let mask: tf.Tensor1D;
  beforeAll(() => {
    logits = randomTensor([12, 9], 16, 3) as tf.Tensor2D;
    targets = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 4, 2], 'int32');
    mask = tf.tensor1d([1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1]);
  });

  it('equals tf.losses.softmaxCrossEntropy in value and gradient, with and without a mask', () => {
    for (const m of [undefined, mask]) {
      const ours = valueAndGrads((l) => logSoftmaxCrossEntropy(l as tf.Tensor2D, targets, m as tf.Tensor1D | undefined), [logits], 17);
      const theirs = valueAndGrads((l) => tf.losses.softmaxCrossEntropy(tf.oneHot(targets, 9), l, m), [logits], 17);
      expectSame(ours, theirs);
    }
  });

  it('stays finite for huge logits, is zero when nothing counts, and leaks nothing', async () => {
    const huge = tf.mul(logits, 1e4) as tf.Tensor2D;
    await expectNoTensorLeaks(() => {
      const { value, grads } = valueAndGrads((l) => logSoftmaxCrossEntropy(l as tf.Tensor2D, targets, mask), [huge], 18);
      expect(Number.isFinite(value[0])).toBe(true);
      expect(grads[0].every(Number.isFinite)).toBe(true);
      const none = tf.tidy(() => logSoftmaxCrossEntropy(huge, targets, tf.zeros([12])).dataSync()[0]);
      expect(Math.abs(none)).toBe(0);
    });
    huge.dispose();
  });
});
