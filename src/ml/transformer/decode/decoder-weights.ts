import type * as tf from '@tensorflow/tfjs';
import type { TransformerConfig } from '../model/config.ts';
import { MODEL_WEIGHT_NAMES, blockWeightName, blockWeightShapes, type BlockWeightRole, type TransformerModel } from '../model/model.ts';
import { packRows, packedRowCount } from './simd-kernels.ts';

/**
 * A model's weights copied once into one Float32Array, laid out for the SIMD decoder: every
 * matrix by output rows ([out, in], the transpose of the tfjs layout), packed four rows at a time
 * for `dotsPacked` (see simd-kernels.ts). Offsets count floats and are multiples of 4 (16-byte
 * aligned for v128 loads).
 */

/** Where each of a layer's weights starts in `values` (matrices as [out, in]). */
export type LayerOffsets = Record<BlockWeightRole, number>;

export interface PackedWeights {
  values: Float32Array;
  /** [vocab, d] packed (rows padded to a multiple of 4): token embeddings, and the tied output projection */
  embedding: number;
  finalGamma: number;
  finalBeta: number;
  layers: LayerOffsets[];
}

const packedByModel = new WeakMap<TransformerModel, { dataIds: unknown[]; packed: PackedWeights }>();

/** A layer's weights in the order the decoder reads them (neighbours in memory). */
const LAYOUT: readonly BlockWeightRole[] = ['ln1Gamma', 'ln1Beta', 'wqkv', 'bqkv', 'wo', 'bo', 'ln2Gamma', 'ln2Beta', 'w1', 'b1', 'w2', 'b2'];

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
  const { dModel: d, vocabSize: vocab } = config;
  let size = 0;
  const reserve = (n: number): number => {
    const at = size;
    size += align4(n);
    return at;
  };
  const embedding = reserve(packedRowCount(vocab) * d);
  const finalGamma = reserve(d);
  const finalBeta = reserve(d);
  const shapes = blockWeightShapes(config);
  const layers: LayerOffsets[] = Array.from({ length: config.layers }, () => {
    const offsets = {} as LayerOffsets;
    for (const role of LAYOUT) offsets[role] = reserve(shapes[role].reduce((n, k) => n * k, 1));
    return offsets;
  });
  const values = new Float32Array(size);
  const read = (name: string): Float32Array => {
    const v = variables[name];
    if (v === undefined) throw new Error(`the weights lack '${name}'`);
    return v.dataSync() as Float32Array;
  };
  packRows(read(MODEL_WEIGHT_NAMES.embedding), d, 1, vocab, d, values, embedding);
  values.set(read(MODEL_WEIGHT_NAMES.finalGamma), finalGamma);
  values.set(read(MODEL_WEIGHT_NAMES.finalBeta), finalBeta);
  layers.forEach((offsets, i) => {
    for (const role of LAYOUT) {
      const name = blockWeightName(i, role);
      const shape = shapes[role];
      // tfjs [in, out] → packed [out, in]; vectors are copied as they are
      if (shape.length === 2) packRows(read(name), 1, shape[1], shape[1], shape[0], values, offsets[role]);
      else values.set(read(name), offsets[role]);
    }
  });
  return { values, embedding, finalGamma, finalBeta, layers };
}
