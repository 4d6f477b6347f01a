import * as tf from '@tensorflow/tfjs';
import type { LayerKv } from './attention.ts';
import type { TransformerModel } from './model.ts';

/**
 * Keys and values of every layer for the positions generated so far, so that each new token
 * costs one position's worth of work (attention over the cache) instead of a full re-run.
 */
export class KvCache {
  private layers: LayerKv[];
  /** positions held (the next token goes at this position) */
  length: number;

  private constructor(layers: LayerKv[], length: number, readonly batch: number) {
    this.layers = layers;
    this.length = length;
  }

  /**
   * Runs the prompt once and copies its cache to `batch` rows (variations share a prompt).
   * → the cache and the logits after the prompt, [batch × vocab]
   */
  static prefill(model: TransformerModel, prompt: readonly number[], batch: number): { cache: KvCache; logits: Float32Array } {
    if (prompt.length === 0) throw new Error('generation needs a prompt of at least one token');
    const { kv, last } = tf.tidy(() => {
      const ids = tf.tensor2d([...prompt], [1, prompt.length], 'int32');
      const out = model.hidden(ids, { collectKv: true });
      const lastHidden = tf.slice(out.h, [0, prompt.length - 1, 0], [1, 1, model.config.dModel]);
      const logits = tf.tile(tf.reshape(model.project(lastHidden), [1, model.config.vocabSize]), [batch, 1]);
      // [heads, T, hs] per layer → [batch·heads, T, hs], sequence-major like the model's heads
      const tiled = out.kv.map((l) => ({ keys: tf.tile(l.keys, [batch, 1, 1]) as tf.Tensor3D, values: tf.tile(l.values, [batch, 1, 1]) as tf.Tensor3D }));
      return { kv: tiled, last: logits };
    });
    const logits = last.dataSync() as Float32Array;
    last.dispose();
    return { cache: new KvCache(kv, prompt.length, batch), logits: Float32Array.from(logits) };
  }

  /** Feeds one token per row; → logits for the next position, [batch × vocab]. */
  step(model: TransformerModel, ids: readonly number[]): Float32Array {
    if (ids.length !== this.batch) throw new Error(`expected ${this.batch} ids, got ${ids.length}`);
    const old = this.layers;
    const [logits, ...flat] = tf.tidy(() => {
      const out = model.step(tf.tensor1d([...ids], 'int32'), this.length, old);
      return [out.logits, ...out.kv.flatMap((l) => [l.keys, l.values])];
    });
    const kv = Array.from({ length: flat.length / 2 }, (_, i) => ({ keys: flat[2 * i] as tf.Tensor3D, values: flat[2 * i + 1] as tf.Tensor3D }));
    tf.dispose(old.flatMap((l) => [l.keys, l.values]));
    this.layers = kv;
    this.length += 1;
    const values = Float32Array.from(logits.dataSync());
    logits.dispose();
    return values;
  }

  dispose(): void {
    tf.dispose(this.layers.flatMap((l) => [l.keys, l.values]));
    this.layers = [];
  }
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
