import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

/** Largest absolute difference relative to the largest magnitude of `expected`. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return diff / Math.max(scale, 1e-12);
}

/** Asserts two tensors (or arrays) agree in shape and values within `tolerance` relative error. */
export function expectClose(actual: tf.Tensor | ArrayLike<number>, expected: tf.Tensor | ArrayLike<number>, tolerance = 1e-4): void {
  if (actual instanceof tf.Tensor && expected instanceof tf.Tensor) expect(actual.shape).toEqual(expected.shape);
  const a = actual instanceof tf.Tensor ? actual.dataSync() : actual;
  const e = expected instanceof tf.Tensor ? expected.dataSync() : expected;
  expect(relativeError(a, e)).toBeLessThanOrEqual(tolerance);
}

/** Runs `fn` on another backend (e.g. cpu, for kernels wasm lacks) and returns plain arrays. */
export async function onBackend<T>(name: string, fn: () => T): Promise<T> {
  const previous = tf.getBackend();
  await tf.setBackend(name);
  try {
    return fn();
  } finally {
    await tf.setBackend(previous);
  }
}

/** Deterministic normal values (a fixed seed per test). */
export function randomTensor(shape: number[], seed: number, scale = 1): tf.Tensor {
  return tf.randomNormal(shape, 0, scale, 'float32', seed);
}
