import type { TransformerConfig } from '../model/config.ts';
import { packedWeights, type PackedWeights } from './decoder-weights.ts';
import type { TransformerModel } from '../model/model.ts';
import { alibiSlopes } from '../model/positional.ts';
import { createVectorKernels, packedIndex, packedRowCount, simdKernelsAvailable, type VectorKernels } from './simd-kernels.ts';

/**
 * Generation on plain Float32Arrays with the SIMD kernels of simd-kernels.ts: the prompt, then
 * one new token per sequence at a time (the same model as `TransformerModel.hidden`/`step`,
 * which stay the reference and the training path).
 * Why not tfjs: at this size a decode step is ~200 tfjs ops of a few hundred numbers each, and
 * each op costs more to dispatch than to compute; here a step is ~50 kernel calls and a few
 * short JavaScript loops, 5–10× faster. The prompt runs the same code over all its positions
 * at once, layer by layer (each weight matrix then stays in cache across positions), which is
 * as fast as tfjs's matrix products here and keeps prompt and new tokens bit-consistent.
 *
 * Memory of one decoder (floats): packed weights | row scratch | logits | key/value cache |
 * attention scores. The cache holds one block per (layer, sequence, keys or values, head), each
 * [capacity positions][headSize]: a head's keys over all positions are one contiguous matrix,
 * which the attention kernels read as a single stream (a position-major layout read them a page
 * apart and was 2× slower at 500 positions). Growing the capacity spreads the blocks out in place.
 */

/** Scratch for `rows` rows run together (prompt positions, or one token of each sequence). */
interface Scratch {
  x: number; // residual stream [rows, d]
  h: number; // normalised [rows, d]
  qkv: number; // [rows, 3d]
  att: number; // attention output, heads side by side [rows, d]
  ff: number; // [rows, dFF]
}

/** positions reserved past the prompt when the caller does not say how many it will add */
const DEFAULT_ROOM = 256;

/**
 * A kernel memory that already holds a model's weights, kept from the last finished generation
 * so that the next one skips allocating and filling it (one per model; kept only while small).
 */
const idleMemory = new WeakMap<TransformerModel, { weights: PackedWeights; kernels: VectorKernels }>();
const KEEP_BYTES = 64 << 20;

export class SimdDecoder {
  /** positions held (the next token goes at this position) */
  length = 0;
  private readonly kernels: VectorKernels;
  private heap: Float32Array;
  private readonly weights: PackedWeights;
  private readonly scratch: Scratch;
  private readonly logits: number;
  private readonly zeros: number;
  private readonly cacheStart: number;
  /** cache blocks: layers × batch × 2 × heads */
  private readonly blocks: number;
  private capacity = 0;
  private scores = 0;
  private disposed = false;
  private readonly slopes: number[] | null;
  private readonly headSize: number;
  /** each row's sequence and position in the current run */
  private readonly rowSequence: Int32Array;
  private readonly rowPosition: Int32Array;

  /** Whether this model can run here (WebAssembly SIMD, and widths that are multiples of 4). */
  static supports(config: TransformerConfig): boolean {
    const headSize = config.dModel / config.heads;
    return simdKernelsAvailable() && Number.isInteger(headSize) && headSize % 4 === 0 && config.dModel % 4 === 0 && config.dFF % 4 === 0;
  }

  /**
   * Reads `prompt` once and starts `batch` sequences from it (variations share a prompt).
   * `capacity`: the positions expected in all (the cache grows past it when needed).
   * → the decoder and the logits after the prompt, [batch × vocab]
   */
  static start(model: TransformerModel, prompt: readonly number[], batch: number, capacity = prompt.length + DEFAULT_ROOM): { decoder: SimdDecoder; logits: Float32Array } {
    if (prompt.length === 0) throw new Error('generation needs a prompt of at least one token');
    if (!SimdDecoder.supports(model.config)) throw new Error('the SIMD decoder needs WebAssembly SIMD and widths (dModel, dFF, head size) that are multiples of 4');
    const decoder = new SimdDecoder(model, batch, Math.max(batch, prompt.length), Math.max(capacity, prompt.length));
    const { layers } = model.config;
    const last = decoder.run(prompt, (i) => [0, i], [prompt.length - 1]);
    // every sequence starts with the prompt's keys/values
    const heap = decoder.heap;
    const rows = prompt.length * decoder.headSize;
    for (let l = 0; l < layers; l++) {
      for (let b = 1; b < batch; b++) {
        for (let kv = 0; kv < 2; kv++) {
          for (let h = 0; h < model.config.heads; h++) {
            const from = decoder.block(l, 0, kv, h);
            heap.copyWithin(decoder.block(l, b, kv, h), from, from + rows);
          }
        }
      }
    }

    decoder.length = prompt.length;
    const logits = new Float32Array(batch * last.length);
    for (let b = 0; b < batch; b++) logits.set(last, b * last.length);
    return { decoder, logits };
  }

  private constructor(readonly model: TransformerModel, readonly batch: number, maxRows: number, capacity: number) {
    const { dModel: d, dFF: f, vocabSize: vocab, layers, heads } = model.config;
    this.weights = packedWeights(model);
    this.headSize = d / heads;
    this.slopes = model.config.positional === 'alibi' ? alibiSlopes(heads) : null;
    let end = this.weights.values.length;
    const take = (n: number): number => {
      const at = end;
      end += Math.ceil(n / 4) * 4;
      return at;
    };
    this.scratch = { x: take(maxRows * d), h: take(maxRows * d), qkv: take(maxRows * 3 * d), att: take(maxRows * d), ff: take(maxRows * f) };
    this.logits = take(packedRowCount(vocab));
    this.zeros = take(packedRowCount(vocab)); // the output projection's (absent) bias
    this.cacheStart = end;
    this.blocks = layers * batch * 2 * heads;
    this.rowSequence = new Int32Array(maxRows);
    this.rowPosition = new Int32Array(maxRows);
    const idle = idleMemory.get(model);
    idleMemory.delete(model);
    if (idle !== undefined && idle.weights === this.weights) {
      this.kernels = idle.kernels;
    } else {
      const kernels = createVectorKernels(4 * (this.cacheStart + capacity * (this.blocks * this.headSize + 1)));
      if (kernels === null) throw new Error('WebAssembly SIMD is not available');
      this.kernels = kernels;
      new Float32Array(kernels.memory.buffer).set(this.weights.values, 0);
    }
    this.heap = new Float32Array(this.kernels.memory.buffer);
    this.heap.fill(0, this.zeros, this.zeros + packedRowCount(vocab)); // a kept memory holds an earlier run's data here
    this.reserve(capacity);
  }

  /** Feeds one token per sequence; → logits for the next position, [batch × vocab]. */
  step(ids: readonly number[]): Float32Array {
    if (ids.length !== this.batch) throw new Error(`expected ${this.batch} ids, got ${ids.length}`);
    const t = this.length;
    const logits = this.run(ids, (b) => [b, t], Array.from({ length: this.batch }, (_, b) => b));
    this.length = t + 1;
    return logits;
  }

  /** Ends this generation; its memory (weights included) is kept for the model's next one. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.heap = new Float32Array(0);
    if (!idleMemory.has(this.model) && this.kernels.memory.buffer.byteLength <= KEEP_BYTES) {
      idleMemory.set(this.model, { weights: this.weights, kernels: this.kernels });
    }
  }

  /**
   * Runs `ids` as rows through every layer, row i being (sequence, position) = place(i): each
   * row's keys/values are written to the cache, then each row attends to its sequence's
   * positions up to its own. → logits of the rows in `project`, one after another
   */
  private run(ids: readonly number[], place: (row: number) => [number, number], project: readonly number[]): Float32Array {
    if (this.disposed) throw new Error('this decoder was disposed');
    const { dModel: d, dFF: f, vocabSize: vocab, heads } = this.model.config;
    const hs = this.headSize;
    const rows = ids.length;
    let last = 0;
    for (let i = 0; i < rows; i++) {
      [this.rowSequence[i], this.rowPosition[i]] = place(i);
      last = Math.max(last, this.rowPosition[i]);
    }
    this.reserve(last + 1);
    const heap = this.heap;
    const w = this.weights;
    const s = this.scratch;
    for (let i = 0; i < rows; i++) {
      const id = ids[i];
      if (!Number.isInteger(id) || id < 0 || id >= vocab) throw new Error(`token id ${id} is outside the vocabulary`);
      for (let c = 0; c < d; c++) heap[s.x + i * d + c] = heap[packedIndex(w.embedding, d, id, c)];
    }
    for (let l = 0; l < w.layers.length; l++) {
      const o = w.layers[l];
      // x += attn(ln1(x))
      this.layerNorm(s.x, s.h, o.ln1Gamma, o.ln1Beta, rows);
      this.linear(s.h, o.wqkv, o.bqkv, s.qkv, d, 3 * d, rows, false);
      for (let i = 0; i < rows; i++) {
        const qkv = s.qkv + i * 3 * d;
        if (this.slopes === null) this.rotate(qkv, this.rowPosition[i], heads);
        // this position's keys and values, head by head
        for (let kv = 0; kv < 2; kv++) {
          for (let h = 0; h < heads; h++) {
            const from = qkv + (kv + 1) * d + h * hs;
            heap.copyWithin(this.block(l, this.rowSequence[i], kv, h) + this.rowPosition[i] * hs, from, from + hs);
          }
        }
      }
      for (let i = 0; i < rows; i++) this.attend(s.qkv + i * 3 * d, l, this.rowSequence[i], s.att + i * d, this.rowPosition[i], heads);
      this.linear(s.att, o.wo, o.bo, s.x, d, d, rows, true);
      // x += mlp(ln2(x))
      this.layerNorm(s.x, s.h, o.ln2Gamma, o.ln2Beta, rows);
      this.linear(s.h, o.w1, o.b1, s.ff, d, f, rows, false);
      this.kernels.gelu(4 * s.ff, rows * f);
      this.linear(s.ff, o.w2, o.b2, s.x, f, d, rows, true);
    }
    const out = new Float32Array(project.length * vocab);
    project.forEach((i, k) => {
      this.layerNorm(s.x + i * d, s.h, w.finalGamma, w.finalBeta, 1);
      this.kernels.dotsPacked(4 * s.h, 4 * w.embedding, 4 * this.logits, d, packedRowCount(vocab), 4 * this.zeros, 0); // tied output projection
      out.set(heap.subarray(this.logits, this.logits + vocab), k * vocab);
    });
    return out;
  }

  /** Start (floats) of the cache block of one layer, sequence, keys (kv 0) or values (1), and head. */
  private block(layer: number, sequence: number, kv: number, head: number): number {
    const index = ((layer * this.batch + sequence) * 2 + kv) * this.model.config.heads + head;
    return this.cacheStart + index * this.capacity * this.headSize;
  }

  /** Room for `positions` cached positions (and their scores), growing memory when needed. */
  private reserve(positions: number): void {
    if (positions <= this.capacity) return;
    const capacity = Math.max(positions, this.capacity * 2);
    const blockSize = capacity * this.headSize;
    const scores = this.cacheStart + this.blocks * blockSize;
    const bytes = 4 * (scores + capacity + 4); // softmax writes up to a whole vector past the last score
    const memory = this.kernels.memory;
    if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
    // growing detaches the old view
    this.heap = new Float32Array(memory.buffer);
    // spread the blocks to the new size, the last first (each moves up, past none not yet moved)
    const oldSize = this.capacity * this.headSize;
    for (let i = this.blocks - 1; i > 0 && oldSize > 0; i--) {
      this.heap.copyWithin(this.cacheStart + i * blockSize, this.cacheStart + i * oldSize, this.cacheStart + (i + 1) * oldSize);
    }
    this.capacity = capacity;
    this.scores = scores;
  }

  /** LayerNorm over dModel of `rows` rows at x into out */
  private layerNorm(x: number, out: number, gamma: number, beta: number, rows: number): void {
    this.kernels.layerNorm(4 * x, 4 * out, 4 * gamma, 4 * beta, this.model.config.dModel, rows);
  }

  /** out_i = W·x_i + bias (or out_i += W·x_i + bias) for `rows` rows, with W packed [outs, ins] */
  private linear(x: number, weights: number, bias: number, out: number, ins: number, outs: number, rows: number, accumulate: boolean): void {
    let i = 0;
    for (; i + 1 < rows; i += 2) {
      this.kernels.dotsPackedPair(4 * (x + i * ins), 4 * weights, 4 * (out + i * outs), ins, outs, 4 * bias, accumulate ? 1 : 0);
    }
    if (i < rows) this.kernels.dotsPacked(4 * (x + i * ins), 4 * weights, 4 * (out + i * outs), ins, outs, 4 * bias, accumulate ? 1 : 0);
  }

  /**
   * Attention of the query at position t over positions 0..t, head by head: scores = q·kᵀ/√hs
   * (+ ALiBi), softmax, then the weighted sum of values; `qkv` holds the query.
   */
  private attend(qkv: number, layer: number, sequence: number, out: number, t: number, heads: number): void {
    const hs = this.headSize;
    const scale = 1 / Math.sqrt(hs);
    const scores = this.scores;
    for (let h = 0; h < heads; h++) {
      this.kernels.dots(4 * (qkv + h * hs), 4 * this.block(layer, sequence, 0, h), 4 * scores, hs, t + 1, 4 * hs);
      this.kernels.softmax(4 * scores, t + 1, scale, this.slopes === null ? 0 : this.slopes[h], t);
      this.kernels.axpys(4 * scores, 4 * this.block(layer, sequence, 1, h), 4 * (out + h * hs), hs, t + 1, 4 * hs);
    }
  }

  /** RoPE: rotates each head's query and key (the first 2·dModel of qkv) to position t. */
  private rotate(qkv: number, t: number, heads: number): void {
    const hs = this.headSize;
    const half = hs / 2;
    const heap = this.heap;
    for (let i = 0; i < half; i++) {
      const angle = t * Math.pow(10000, (-2 * i) / hs);
      const cos = Math.fround(Math.cos(angle));
      const sin = Math.fround(Math.sin(angle));
      for (let g = 0; g < 2 * heads; g++) {
        const at = qkv + g * hs + i;
        const a = heap[at];
        const b = heap[at + half];
        heap[at] = a * cos - b * sin;
        heap[at + half] = b * cos + a * sin;
      }
    }
  }
}
