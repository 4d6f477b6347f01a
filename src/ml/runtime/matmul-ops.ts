import * as tf from '@tensorflow/tfjs';
import { customOp } from './custom-op.ts';

/**
 * Products that train fast on the wasm backend. tfjs's own matMul gradient uses the
 * transposeA/transposeB forms, which fall off XNNPACK onto a naive loop (20–40× slower on wasm);
 * here every product is a plain 2-D matMul of explicitly transposed operands.
 */

const matMul2dOp = customOp(([a, b], save) => {
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy, [sa, sb]) => {
      const dy2 = dy as tf.Tensor2D;
      // dA = dy · Bᵀ ; dB = Aᵀ · dy
      return [tf.matMul(dy2, tf.transpose(sb as tf.Tensor2D)), tf.matMul(tf.transpose(sa as tf.Tensor2D), dy2)];
    },
  };
});

/** [m, k] × [k, n] → [m, n], with a gradient made of plain 2-D products. */
export function matMul2d(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return matMul2dOp(a, b) as tf.Tensor2D;
}

/** x [..., k] × w [k, n] → [..., n]: flattens leading dims into one 2-D product. */
export function dense(x: tf.Tensor, w: tf.Tensor2D, bias?: tf.Tensor1D): tf.Tensor {
  const k = x.shape[x.shape.length - 1];
  const lead = x.shape.slice(0, -1);
  const y = matMul2d(tf.reshape(x, [-1, k]) as tf.Tensor2D, w);
  const shaped = tf.reshape(y, [...lead, w.shape[1]]);
  return bias ? tf.add(shaped, bias) : shaped;
}

/**
 * Embedding lookup as one-hot × table: `gather`'s gradient needs UnsortedSegmentSum, which the
 * wasm backend lacks. ids: int32 [...]; table [vocab, d] → [..., d].
 */
export function embed(ids: tf.Tensor, table: tf.Tensor2D): tf.Tensor {
  const vocab = table.shape[0];
  const oneHot = tf.oneHot(tf.reshape(ids, [-1]) as tf.Tensor1D, vocab).toFloat() as tf.Tensor2D;
  const rows = matMul2d(oneHot, table);
  return tf.reshape(rows, [...ids.shape, table.shape[1]]);
}

/**
 * Batched product [b, m, k] × [b, k, n] as b plain 2-D products (each on the fast path),
 * stacked. Used for attention, where tfjs's batched matMul is on wasm's slow loop.
 */
export function batchMatMul(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  const batch = a.shape[0];
  if (batch === 1) return tf.expandDims(matMul2d(tf.squeeze(a, [0]) as tf.Tensor2D, tf.squeeze(b, [0]) as tf.Tensor2D), 0) as tf.Tensor3D;
  const as = tf.unstack(a) as tf.Tensor2D[];
  const bs = tf.unstack(b) as tf.Tensor2D[];
  return tf.stack(as.map((ai, i) => matMul2d(ai, bs[i]))) as tf.Tensor3D;
}
