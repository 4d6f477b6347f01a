import { kernelFunctions } from './simd-kernel-code.ts';
import { assembleModule } from './wasm-assembler.ts';

/**
 * Vector kernels in WebAssembly SIMD (four floats per instruction) for the decoder of
 * simd-decoder.ts. Why by hand: a decode step is ~50 products of one vector with a small matrix
 * (d ≤ a few hundred) plus softmaxes and GELUs over a few hundred numbers. Through tfjs each op
 * costs 10–50 µs of dispatch whatever its size, and plain JavaScript reaches ~0.5 GMAC/s; these
 * run at 5–20 GMAC/s with no dispatch. No npm package offers such small SIMD kernels; their
 * instructions are in simd-kernel-code.ts. The module (about 4 KB) compiles synchronously on
 * first use; where that is refused (a browser's main thread limits synchronous compiles), or
 * SIMD is missing, the decoder is unavailable and generation runs on tfjs.
 *
 *   dots(x, m, y, n, rows, stride)       y[r] = Σ_{i<n} x[i]·m[r][i]            for r < rows
 *   axpys(p, m, y, n, rows, stride)      y[i] = Σ_{r<rows} p[r]·m[r][i]         for i < n
 *   dotsPacked(x, m, y, n, rows, b, acc) y[r] = (acc ? y[r] : 0) + (x·m[r] + b[r]), m packed by `packRows`
 *   dotsPackedPair(…)                    the same for two x rows and two y rows at once
 *   softmax(s, n, scale, slope, t)       s[j] = softmax_j(s[j]·scale + slope·(j − t)) over j < n
 *   gelu(p, n)                           p[i] = GELU(p[i]) (tanh form, as layers.ts)
 *   layerNorm(x, out, γ, β, n, rows)     each row of n: (x − mean)/√(variance + 1e-5)·γ + β
 *
 * Pointers are byte offsets into the instance's memory; `n` counts floats and must be a positive
 * multiple of 4 (softmax: any n ≥ 1, and s must have room for n rounded up to 4); `stride` is
 * the byte distance between rows. Sums run in a fixed order (four lanes, then the lanes), so
 * the same inputs give the same bits everywhere.
 *
 * Why a packed layout: a weight matrix is read once per token from beyond the L2 cache, and
 * four row streams read at a fraction of the speed of one (measured 7 vs 30 GB/s for a 7 MB
 * model). `packRows` interleaves each block of four rows, [n/4][4 rows][4 floats], so that the
 * four-row dot product reads memory in one ascending stream.
 */

export interface VectorKernels {
  readonly memory: WebAssembly.Memory;
  dots(x: number, m: number, y: number, n: number, rows: number, stride: number): void;
  axpys(p: number, m: number, y: number, n: number, rows: number, stride: number): void;
  dotsPacked(x: number, m: number, y: number, n: number, rows: number, bias: number, accumulate: number): void;
  /** dotsPacked for two x rows at once (x, x + n floats) into two y rows (y, y + rows floats) */
  dotsPackedPair(x: number, m: number, y: number, n: number, rows: number, bias: number, accumulate: number): void;
  softmax(s: number, n: number, scale: number, slope: number, t: number): void;
  gelu(p: number, n: number): void;
  layerNorm(x: number, out: number, gamma: number, beta: number, n: number, rows: number): void;
}

/**
 * Writes a `rows` × `n` matrix packed for `dotsPacked` into `target` at `at`, element (r, i)
 * being source[r·rowStride + i·colStride] (so a tfjs [in, out] weight packs as its transpose with
 * rowStride 1, colStride out); rows past `rows` up to a multiple of 4 are zero. → floats written
 */
export function packRows(source: Float32Array, rowStride: number, colStride: number, rows: number, n: number, target: Float32Array, at: number): number {
  const padded = packedRowCount(rows);
  for (let block = 0; block < padded; block += 4) {
    for (let k = 0; k < 4; k++) {
      const r = block + k;
      for (let i = 0; i < n; i++) {
        target[at + block * n + (i >> 2) * 16 + k * 4 + (i & 3)] = r < rows ? source[r * rowStride + i * colStride] : 0;
      }
    }
  }
  return padded * n;
}

/** Element (row, col) of a matrix packed by `packRows` at `at` with row length `n`. */
export function packedIndex(at: number, n: number, row: number, col: number): number {
  return at + (row >> 2) * 4 * n + (col >> 2) * 16 + (row & 3) * 4 + (col & 3);
}

/** Rows a packed matrix of `rows` rows holds (a multiple of 4). */
export function packedRowCount(rows: number): number {
  return Math.ceil(rows / 4) * 4;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is not available. */
function kernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = assembleModule(kernelFunctions());
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

export function simdKernelsAvailable(): boolean {
  return kernelModule() !== null;
}

/** Kernels over a fresh memory of `bytes` bytes (rounded up to 64 KiB pages); null without SIMD. */
export function createVectorKernels(bytes: number): VectorKernels | null {
  const module = kernelModule();
  if (module === null) return null;
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const { dots, axpys, dotsPacked, dotsPackedPair, softmax, gelu, layerNorm } = instance.exports;
  if ([dots, axpys, dotsPacked, dotsPackedPair, softmax, gelu, layerNorm].some((f) => typeof f !== 'function')) return null;
  // Exports are untyped functions; each takes the numbers its signature above says and returns nothing.
  return {
    memory,
    dots: dots as VectorKernels['dots'],
    axpys: axpys as VectorKernels['axpys'],
    dotsPacked: dotsPacked as VectorKernels['dotsPacked'],
    dotsPackedPair: dotsPackedPair as VectorKernels['dotsPacked'],
    softmax: softmax as VectorKernels['softmax'],
    gelu: gelu as VectorKernels['gelu'],
    layerNorm: layerNorm as VectorKernels['layerNorm'],
  };
}
