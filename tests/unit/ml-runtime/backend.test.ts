import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseBackendOrder, parseBackendName } from '../../../src/ml/runtime/backend.ts';
import { initBackend } from '../../../src/ml/runtime/backend-node.ts';

describe('chooseBackendOrder', () => {
  it('tries the fastest first: webgpu, webgl, wasm, cpu in browsers; wasm, cpu in Node', () => {
    expect(chooseBackendOrder('browser')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(chooseBackendOrder('node')).toEqual(['wasm', 'cpu']);
  });

  it('puts a preferred backend first and keeps the rest as fallbacks', () => {
    expect(chooseBackendOrder('browser', 'wasm')).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
    expect(chooseBackendOrder('node', 'cpu')).toEqual(['cpu', 'wasm']);
    expect(chooseBackendOrder('node', 'webgl')).toEqual(['webgl', 'wasm', 'cpu']);
  });
});

describe('parseBackendName', () => {
  it('reads names case-insensitively, treats empty as unset, refuses unknown names in one line', () => {
    expect(parseBackendName(' WASM ')).toBe('wasm');
    expect(parseBackendName('')).toBeUndefined();
    expect(parseBackendName(undefined)).toBeUndefined();
    expect(() => parseBackendName('tpu', 'ALEA_BACKEND')).toThrow('ALEA_BACKEND must be one of webgpu, webgl, wasm, cpu, not "tpu"');
  });
});

describe('initBackend in Node', () => {
  const saved = process.env.ALEA_BACKEND;
  afterEach(() => {
    if (saved === undefined) delete process.env.ALEA_BACKEND;
    else process.env.ALEA_BACKEND = saved;
  });

  it('starts wasm by default', async () => {
    delete process.env.ALEA_BACKEND;
    const info = await initBackend();
    expect(info).toEqual({ name: 'wasm', tried: [{ name: 'wasm', ok: true }] });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('honours ALEA_BACKEND, and an explicit preference over it', async () => {
    process.env.ALEA_BACKEND = 'cpu';
    expect((await initBackend()).name).toBe('cpu');
    expect((await initBackend({ prefer: 'wasm' })).name).toBe('wasm');
    process.env.ALEA_BACKEND = 'gpu';
    await expect(initBackend()).rejects.toThrow(/ALEA_BACKEND must be one of/);
  });

  it('falls back from a backend Node lacks, recording why', async () => {
    const info = await initBackend({ prefer: 'webgpu' });
    expect(info.name).toBe('wasm');
    expect(info.tried[0]).toEqual({ name: 'webgpu', ok: false, reason: 'not available in Node' });
  });
});
