import type * as tf from '@tensorflow/tfjs';
import type { TransformerConfig } from '../model/config.ts';
import type { TransformerModel } from '../model/model.ts';
import { packRows, packedRowCount } from './simd-kernels.ts';

/**
 * A model's weights copied once into one Float32Array, laid out for the SIMD decoder: every
 * matrix by output rows ([out, in], the transpose of the tfjs layout), packed four rows at a time
 * for `dotsPacked` (see simd-kernels.ts). Offsets count floats and are multiples of 4 (16-byte
 * aligned for v128 loads).
 */

export interface LayerOffsets {
  ln1Gamma: number;
  ln1Beta: number;
  /** [3d, d] */
  wqkv: number;
  bqkv: number;
  /** [d, d] */
  wo: number;
  bo: number;
  ln2Gamma: number;
  ln2Beta: number;
  /** [dFF, d] */
  w1: number;
  b1: number;
  /** [d, dFF] */
  w2: number;
  b2: number;
}

export interface PackedWeights {
  values: Float32Array;
  /** [vocab, d] packed (rows padded to a multiple of 4): token embeddings, and the tied output projection */
  embedding: number;
  finalGamma: number;
  finalBeta: number;
  layers: LayerOffsets[];
}

const packedByModel = new WeakMap<TransformerModel, { dataIds: unknown[]; packed: PackedWeights }>();

const align4 = (n: number): number => Math.ceil(n / 4) * 4;

/**
 * The model's packed weights, built on first use and kept while the model's variables hold the
 * same tensors (training assigns new ones, which makes a fresh copy here).
 */
export function packedWeights(model: TransformerModel): PackedWeights {
  const variables = Object.values(model.variables);
  if (variables.some((v) => v.isDisposed)) throw new Error('this model was disposed');
  const dataIds = variables.map((v) => v.dataId);
  const known = packedByModel.get(model);
  if (known && known.dataIds.length === dataIds.length && known.dataIds.every((id, i) => id === dataIds[i])) return known.packed;
  const packed = pack(model.config, model.variables);
  packedByModel.set(model, { dataIds, packed });
  return packed;
}

function pack(config: TransformerConfig, variables: Record<string, tf.Variable>): PackedWeights {
  const { dModel: d, dFF: f, vocabSize: vocab } = config;
  let size = 0;
  const reserve = (n: number): number => {
    const at = size;
    size += align4(n);
    return at;
  };
  const embedding = reserve(packedRowCount(vocab) * d);
  const finalGamma = reserve(d);
  const finalBeta = reserve(d);
  const layers: LayerOffsets[] = Array.from({ length: config.layers }, () => ({
    ln1Gamma: reserve(d), ln1Beta: reserve(d), wqkv: reserve(3 * d * d), bqkv: reserve(3 * d), wo: reserve(d * d), bo: reserve(d),
    ln2Gamma: reserve(d), ln2Beta: reserve(d), w1: reserve(f * d), b1: reserve(f), w2: reserve(d * f), b2: reserve(d),
  }));
  const values = new Float32Array(size);
  const read = (name: string): Float32Array => {
    const v = variables[name];
    if (v === undefined) throw new Error(`the weights lack '${name}'`);
    return v.dataSync() as Float32Array;
  };
  const copy = (name: string, at: number): void => values.set(read(name), at);
  /** tfjs [in, out] → packed [out, in] */
  const transposed = (name: string, at: number): void => {
    const [ins, outs] = variables[name]?.shape ?? [0, 0];
    packRows(read(name), 1, outs, outs, ins, values, at);
  };
  packRows(read('embedding'), d, 1, vocab, d, values, embedding);
  copy('final_ln.gamma', finalGamma);
  copy('final_ln.beta', finalBeta);
  layers.forEach((o, i) => {
    const p = `block${i}.`;
    copy(`${p}ln1.gamma`, o.ln1Gamma);
    copy(`${p}ln1.beta`, o.ln1Beta);
    transposed(`${p}attn.wqkv`, o.wqkv);
    copy(`${p}attn.bqkv`, o.bqkv);
    transposed(`${p}attn.wo`, o.wo);
    copy(`${p}attn.bo`, o.bo);
    copy(`${p}ln2.gamma`, o.ln2Gamma);
    copy(`${p}ln2.beta`, o.ln2Beta);
    transposed(`${p}mlp.w1`, o.w1);
    copy(`${p}mlp.b1`, o.b1);
    transposed(`${p}mlp.w2`, o.w2);
    copy(`${p}mlp.b2`, o.b2);
  });
  return { values, embedding, finalGamma, finalBeta, layers };
}
