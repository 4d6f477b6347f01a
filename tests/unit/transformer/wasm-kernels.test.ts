import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend-node.ts';

beforeAll(async () => {
  await initBackend({ prefer: 'wasm' });
});

/** Values of `make()` on the wasm backend (with the runtime's kernels) and on cpu (tfjs's own). */
async function onBothBackends(make: () => tf.Tensor | tf.Tensor[]): Promise<[number[][], number[][]]> {
  const read = (): number[][] => tf.tidy(() => [make()].flat().map((t) => Array.from(t.dataSync())));
  const wasm = read();
  await tf.setBackend('cpu');
  const cpu = read();
  await tf.setBackend('wasm');
  return [wasm, cpu];
}

describe('wasm start-up kernels (in-place Slice and Unpack)', () => {
  it('are what the wasm backend runs after initBackend', () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.getKernel('Slice', 'wasm').kernelFunc.name).toBe('sliceKernel');
    expect(tf.getKernel('Unpack', 'wasm').kernelFunc.name).toBe('unpackKernel');
  });

  it('give the same slices and unstacks as tfjs, for float, int and bool tensors of ranks 1 to 5', async () => {
    const cases = (): tf.Tensor[] => {
      const x = tf.reshape(tf.range(0, 2 * 3 * 4 * 5 * 2), [2, 3, 4, 5, 2]);
      return [
        tf.slice(x, [1, 0, 2, 1, 0], [1, 3, 2, 3, 2]),
        tf.slice(tf.reshape(x, [6, 40]), [2, 5], [3, 30]),
        tf.slice(tf.cast(tf.reshape(x, [240]), 'int32'), [17], [100]),
        tf.slice(tf.greater(tf.reshape(x, [24, 10]), 100), [3, 0], [10, 10]),
        tf.slice(x, [0, 0, 0, 0, 0], [0, 3, 4, 5, 2]),
        ...tf.unstack(tf.reshape(x, [6, 8, 5]), 1),
        ...tf.unstack(tf.reshape(x, [6, 8, 5]), -1),
      ];
    };
    const [wasm, cpu] = await onBothBackends(cases);
    expect(wasm).toEqual(cpu);
  });
});
