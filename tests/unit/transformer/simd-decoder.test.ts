import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend-node.ts';
import { KvCache, fullLogits } from '../../../src/ml/transformer/decode/kv-cache.ts';
import { TransformerModel } from '../../../src/ml/transformer/model/model.ts';
import { SimdDecoder } from '../../../src/ml/transformer/decode/simd-decoder.ts';
import { createVectorKernels, packRows, packedRowCount, simdKernelsAvailable } from '../../../src/ml/transformer/decode/simd-kernels.ts';
import { tinyConfig } from './helpers.ts';

let model: TransformerModel;

beforeAll(async () => {
  await initBackend({ prefer: 'wasm' }); // installs the runtime's wasm kernels, as the CLI and app do
  model = TransformerModel.create(tinyConfig(), 21);
});
afterAll(() => model.dispose());

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
};

describe('SIMD kernels', () => {
  it('compute dot products and weighted row sums like plain loops, at any row count and stride', () => {
    expect(simdKernelsAvailable()).toBe(true);
    const kernels = createVectorKernels(1 << 20);
    if (kernels === null) throw new Error('no SIMD');
    const heap = new Float32Array(kernels.memory.buffer);
    for (let i = 0; i < heap.length; i++) heap[i] = Math.sin(i * 0.37) * 2;
    for (const [n, rows, stride] of [[4, 1, 4], [8, 3, 12], [48, 7, 48], [32, 13, 100], [192, 64, 192]]) {
      const [x, m, y] = [0, 256, 40000];
      kernels.dots(4 * x, 4 * m, 4 * y, n, rows, 4 * stride);
      const dots = Array.from({ length: rows }, (_, r) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += heap[x + i] * heap[m + r * stride + i];
        return s;
      });
      expect(maxDiff(heap.subarray(y, y + rows), dots)).toBeLessThan(1e-4);
      kernels.axpys(4 * x, 4 * m, 4 * y, n, rows, 4 * stride);
      const sums = Array.from({ length: n }, (_, i) => {
        let s = 0;
        for (let r = 0; r < rows; r++) s += heap[x + r] * heap[m + r * stride + i];
        return s;
      });
      expect(maxDiff(heap.subarray(y, y + n), sums)).toBeLessThan(1e-4);
    }
  });

  it('multiply one or two rows by a packed matrix like by the plain one, padding rows to a multiple of 4', () => {
    const kernels = createVectorKernels(1 << 20);
    if (kernels === null) throw new Error('no SIMD');
    const heap = new Float32Array(kernels.memory.buffer);
    const [n, rows] = [24, 10];
    const matrix = (r: number, i: number): number => Math.cos(r * 7 + i * 0.3);
    // stored transposed ([n, rows], as tfjs stores a weight) to pack with strides
    const stored = Float32Array.from({ length: n * rows }, (_, k) => matrix(k % rows, Math.floor(k / rows)));
    const x = 0;
    const m = 64;
    const y = 64 + packRows(stored, 1, rows, rows, n, heap, m);
    const bias = y + 64;
    for (let i = 0; i < n; i++) heap[x + i] = i / n - 0.5;
    for (let r = 0; r < 12; r++) heap[bias + r] = r;
    const expected = Array.from({ length: packedRowCount(rows) }, (_, r) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += heap[x + i] * (r < rows ? matrix(r, i) : 0);
      return s + r;
    });
    heap.fill(Number.NaN, y, y + 12); // not read when not accumulating
    kernels.dotsPacked(4 * x, 4 * m, 4 * y, n, packedRowCount(rows), 4 * bias, 0);
    expect(maxDiff(heap.subarray(y, y + expected.length), expected)).toBeLessThan(1e-5);
    kernels.dotsPacked(4 * x, 4 * m, 4 * y, n, packedRowCount(rows), 4 * bias, 1);
    expect(maxDiff(heap.subarray(y, y + expected.length), expected.map((v) => 2 * v))).toBeLessThan(1e-5);
    expect(heap[y + 11]).toBe(22); // padded rows are zero: bias only, twice
    // two x rows at once: the second row x + n, its output at y + rows
    const x2 = 20000;
    for (let i = 0; i < 2 * n; i++) heap[x2 + i] = i < n ? heap[x + i] : Math.sin(i);
    const second = Array.from({ length: 12 }, (_, r) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += heap[x2 + n + i] * (r < rows ? matrix(r, i) : 0);
      return s + r;
    });
    kernels.dotsPackedPair(4 * x2, 4 * m, 4 * y, n, 12, 4 * bias, 0);
    expect(maxDiff(heap.subarray(y, y + 12), expected)).toBeLessThan(1e-5);
    expect(maxDiff(heap.subarray(y + 12, y + 24), second)).toBeLessThan(1e-5);
  });

  it('compute softmax with scale and ALiBi, GELU and LayerNorm like the float64 formulas', () => {
    const kernels = createVectorKernels(1 << 16);
    if (kernels === null) throw new Error('no SIMD');
    const heap = new Float32Array(kernels.memory.buffer);
    for (const n of [1, 3, 4, 7, 50]) {
      const raw = Array.from({ length: n }, (_, j) => Math.sin(j * 1.3) * 5);
      heap.set(raw, 0);
      heap[n] = Number.NaN; // whatever lies past n is ignored
      kernels.softmax(0, n, 0.125, 0.25, n - 1);
      const v = raw.map((s, j) => s * 0.125 + 0.25 * (j - (n - 1)));
      const e = v.map((s) => Math.exp(s - Math.max(...v)));
      const sum = e.reduce((a, b) => a + b, 0);
      expect(maxDiff(heap.subarray(0, n), e.map((p) => p / sum))).toBeLessThan(1e-6);
    }
    const xs = Array.from({ length: 400 }, (_, i) => (i - 200) / 20);
    heap.set(xs, 0);
    kernels.gelu(0, xs.length);
    const gelu = xs.map((v) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3))));
    expect(maxDiff(heap.subarray(0, xs.length), gelu)).toBeLessThan(2e-6);
    // LayerNorm of two rows of 8
    const rows = [[1, 2, 3, 4, 5, 6, 7, 8], [0.5, -3, 2, 9, -1, 0, 4, 4]];
    const gamma = [1, 2, 0.5, 1, 1, -1, 1, 3];
    const beta = [0, 1, 0, -1, 0, 0, 2, 0];
    heap.set(rows.flat(), 0);
    heap.set(gamma, 16);
    heap.set(beta, 24);
    kernels.layerNorm(0, 4 * 32, 4 * 16, 4 * 24, 8, 2);
    const normed = rows.flatMap((row) => {
      const mean = row.reduce((a, b) => a + b, 0) / 8;
      const variance = row.reduce((a, b) => a + (b - mean) ** 2, 0) / 8;
      return row.map((v, i) => ((v - mean) / Math.sqrt(variance + 1e-5)) * gamma[i] + beta[i]);
    });
    expect(maxDiff(heap.subarray(32, 48), normed)).toBeLessThan(1e-5);
  });
});

describe('SimdDecoder', () => {
  it('matches tfjs over a long generation with several sequences, growing its cache past the asked size', () => {
    const prompt = Array.from({ length: 300 }, (_, i) => 1 + ((i * 13) % 60));
    const simd = KvCache.prefill(model, prompt, 3, { engine: 'simd', capacity: 305 });
    const ref = KvCache.prefill(model, prompt, 3, { engine: 'tfjs' });
    expect(maxDiff(simd.logits, ref.logits)).toBeLessThan(1e-4);
    for (let t = 0; t < 30; t++) {
      const ids = [t % 50, (t * 7) % 50, 3];
      expect(maxDiff(simd.cache.step(model, ids), ref.cache.step(model, ids))).toBeLessThan(1e-4);
    }
    expect(simd.cache.length).toBe(330);
    simd.cache.dispose();
    ref.cache.dispose();
  });

  it('repeats itself bit for bit, after other runs too, and follows weights that change after a first use', () => {
    const m = TransformerModel.create(tinyConfig({ positional: 'rope' }), 22);
    const prompt = [5, 9, 14, 3, 7];
    const run = (): Float32Array => {
      const { decoder } = SimdDecoder.start(m, prompt, 1);
      const out = decoder.step([11]);
      decoder.dispose();
      return out;
    };
    const first = run();
    expect(run()).toEqual(first);
    // a longer prompt and more sequences in between (the memory is reused with another layout)
    const other = SimdDecoder.start(m, Array.from({ length: 40 }, (_, i) => (i * 7) % 50), 3);
    other.decoder.step([1, 2, 3]);
    other.decoder.dispose();
    expect(run()).toEqual(first);
    const embedding = m.variables.embedding;
    embedding.assign(tf.mul(embedding, 1.5));
    const changed = run();
    expect(maxDiff(changed, first)).toBeGreaterThan(1e-3);
    expect(maxDiff(changed, fullLogits(m, [[...prompt, 11]]))).toBeLessThan(1e-4);
    m.dispose();
    expect(run).toThrow(/disposed/);
  });

  it('leaves models it cannot run (head size not a multiple of 4) to tfjs', () => {
    const odd = TransformerModel.create(tinyConfig({ dModel: 36, heads: 2, positional: 'alibi' }), 24);
    expect(SimdDecoder.supports(odd.config)).toBe(false);
    expect(() => SimdDecoder.start(odd, [1, 2], 1)).toThrow(/multiples of 4/);
    const { cache, logits } = KvCache.prefill(odd, [1, 2], 1);
    expect(cache.engine).toBe('tfjs');
    expect(maxDiff(logits, fullLogits(odd, [[1, 2]]))).toBeLessThan(1e-4);
    cache.dispose();
    odd.dispose();
  });

  it('refuses ids outside the vocabulary and a model it was not filled by', () => {
    const { cache } = KvCache.prefill(model, [1, 2, 3], 1);
    expect(() => cache.step(model, [model.config.vocabSize])).toThrow(/outside the vocabulary/);
    const other = TransformerModel.create(tinyConfig(), 23);
    expect(() => cache.step(other, [1])).toThrow(/model that filled it/);
    other.dispose();
    cache.dispose();
  });
});
