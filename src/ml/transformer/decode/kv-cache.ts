import * as tf from '@tensorflow/tfjs';
import type { LayerKv } from '../model/model.ts';
import type { TransformerModel } from '../model/model.ts';
import { SimdDecoder } from './simd-decoder.ts';

/**
 * Keys and values of every layer for the positions generated so far, so that each new token
 * costs one position's worth of work (attention over the cache) instead of a full re-run.
 * Where WebAssembly SIMD is available the whole generation runs on the SIMD decoder
 * (simd-decoder.ts), whatever the tfjs backend; else through tfjs (`TransformerModel.hidden`
 * for the prompt, then `TransformerModel.step`).
 */

/** 'simd': typed-array decoder (fast); 'tfjs': `TransformerModel.step` (the reference). */
export type DecodeEngine = 'simd' | 'tfjs';

export interface PrefillOptions {
  /** default: 'simd' where the model and platform allow it */
  engine?: DecodeEngine;
  /** positions expected in all, prompt included (memory is reserved for them; more still fit) */
  capacity?: number;
}

/** The tfjs decode state: each layer's keys/values as tensors [batch·heads, time, headSize]. */
class TfjsKv {
  constructor(
    private layers: LayerKv[],
    public length: number,
  ) {}

  step(model: TransformerModel, ids: readonly number[]): Float32Array {
    const old = this.layers;
    const [logits, ...flat] = tf.tidy(() => {
      const out = model.step(tf.tensor1d([...ids], 'int32'), this.length, old);
      return [out.logits, ...out.kv.flatMap((l) => [l.keys, l.values])];
    });
    this.layers = Array.from({ length: flat.length / 2 }, (_, i) => ({ keys: flat[2 * i] as tf.Tensor3D, values: flat[2 * i + 1] as tf.Tensor3D }));
    tf.dispose(old.flatMap((l) => [l.keys, l.values]));
    this.length += 1;
    const values = logits.dataSync() as Float32Array;
    logits.dispose();
    return values;
  }

  dispose(): void {
    tf.dispose(this.layers.flatMap((l) => [l.keys, l.values]));
    this.layers = [];
  }
}

export class KvCache {
  private constructor(
    private readonly model: TransformerModel,
    private readonly state: SimdDecoder | TfjsKv,
    readonly batch: number,
    readonly engine: DecodeEngine,
  ) {}

  /** positions held (the next token goes at this position) */
  get length(): number {
    return this.state.length;
  }

  /**
   * Runs the prompt once and copies its cache to `batch` rows (variations share a prompt).
   * → the cache and the logits after the prompt, [batch × vocab]
   */
  static prefill(model: TransformerModel, prompt: readonly number[], batch: number, options: PrefillOptions = {}): { cache: KvCache; logits: Float32Array } {
    if (prompt.length === 0) throw new Error('generation needs a prompt of at least one token');
    const engine = options.engine ?? (SimdDecoder.supports(model.config) ? 'simd' : 'tfjs');
    const { vocabSize: vocab, dModel: d } = model.config;
    const time = prompt.length;
    if (engine === 'simd') {
      const { decoder, logits } = SimdDecoder.start(model, prompt, batch, options.capacity);
      return { cache: new KvCache(model, decoder, batch, engine), logits };
    }
    const { kv, last } = tf.tidy(() => {
      const out = model.hidden(tf.tensor2d([...prompt], [1, time], 'int32'), { collectKv: true });
      const logits = tf.reshape(model.project(tf.slice(out.h, [0, time - 1, 0], [1, 1, d])), [vocab]);
      // [heads, T, hs] per layer → [batch·heads, T, hs], sequence-major like the model's heads
      const tiled = out.kv.map((l) => ({ keys: tf.tile(l.keys, [batch, 1, 1]) as tf.Tensor3D, values: tf.tile(l.values, [batch, 1, 1]) as tf.Tensor3D }));
      return { kv: tiled, last: logits };
    });
    const logits = repeatRows(last.dataSync() as Float32Array, batch);
    last.dispose();
    return { cache: new KvCache(model, new TfjsKv(kv, time), batch, engine), logits };
  }

  /** Feeds one token per row; → logits for the next position, [batch × vocab]. */
  step(model: TransformerModel, ids: readonly number[]): Float32Array {
    if (model !== this.model) throw new Error('a cache continues the model that filled it');
    if (ids.length !== this.batch) throw new Error(`expected ${this.batch} ids, got ${ids.length}`);
    return this.state instanceof SimdDecoder ? this.state.step(ids) : this.state.step(model, ids);
  }

  dispose(): void {
    this.state.dispose();
  }
}

/** `row` repeated `count` times, one after another */
function repeatRows(row: Float32Array, count: number): Float32Array {
  const out = new Float32Array(row.length * count);
  for (let i = 0; i < count; i++) out.set(row, i * row.length);
  return out;
}

/** Logits after each row's last token by re-running the whole sequence (the uncached reference path). */
export function fullLogits(model: TransformerModel, sequences: readonly (readonly number[])[]): Float32Array {
  const time = sequences[0].length;
  return tf.tidy(() => {
    const ids = tf.tensor2d(sequences.flatMap((s) => [...s]), [sequences.length, time], 'int32');
    const logits = model.logits(ids); // [B, T, V]
    const last = tf.slice(logits, [0, time - 1, 0], [sequences.length, 1, model.config.vocabSize]);
    return Float32Array.from(last.dataSync());
  });
}
