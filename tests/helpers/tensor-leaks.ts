import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect } from 'vitest';
import { initBackend } from '../../src/ml/runtime/backend-node.ts';

/**
 * Runs `fn` (sync or async) and fails the test if it leaves tensors behind. Returns what `fn`
 * returned; tensors in that result count as leaks unless the caller disposes them inside `fn`.
 */
export async function expectNoTensorLeaks<T>(fn: () => T | Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await fn();
  const after = tf.memory().numTensors;
  expect(after - before, `tensors left behind (${before} before, ${after} after)`).toBe(0);
  return result;
}

/** For a test file: run every test on the wasm backend, as the CLI does. */
export function useWasmBackend(): void {
  beforeAll(async () => {
    const info = await initBackend({ prefer: 'wasm' });
    if (info.name !== 'wasm') throw new Error(`wasm backend unavailable: ${JSON.stringify(info.tried)}`);
  });
}
