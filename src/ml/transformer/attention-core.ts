import * as tf from '@tensorflow/tfjs';
import { customOp } from '../runtime/custom-op.ts';

/**
 * softmax(q·kᵀ·scale + bias)·v as one differentiable op with a hand-written gradient. Why by
 * hand: tfjs's own gradient of the batched matMul runs on wasm's slow transposed loop, and the
 * tape would keep every intermediate ([batch·heads, time, time] several times over per layer,
 * past wasm's memory at batch 16 × 256 tokens). Here only q, k, v and the attention weights are
 * kept, and every product is a plain 2-D matMul of explicitly transposed operands.
 */

/** Plain 2-D products slice by slice: a [n, m, k] × b [n, k, p] → [n, m, p] */
function sliceProducts(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  const as = tf.unstack(a) as tf.Tensor2D[];
  const bs = tf.unstack(b) as tf.Tensor2D[];
  return tf.stack(as.map((ai, i) => tf.matMul(ai, bs[i]))) as tf.Tensor3D;
}

function transposeLast(x: tf.Tensor3D): tf.Tensor3D {
  return tf.transpose(x, [0, 2, 1]);
}

/**
 * q, k, v [batch·heads, time, headSize]; bias [heads or 1, time, time] (causal mask, ALiBi).
 * → [batch·heads, time, headSize]
 */
export function attentionCore(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, bias: tf.Tensor3D, heads: number): tf.Tensor3D {
  const [bh, time, headSize] = q.shape;
  const keys = k.shape[1];
  const scale = 1 / Math.sqrt(headSize);
  const op = customOp(([qq, kk, vv, bb], save) => {
    const scores = tf.mul(sliceProducts(qq as tf.Tensor3D, transposeLast(kk as tf.Tensor3D)), scale); // [B·H, T, K]
    const biased = tf.add(tf.reshape(scores, [bh / heads, heads, time, keys]), bb); // [B, H, T, K]
    const probs = tf.reshape(tf.softmax(biased), [bh, time, keys]) as tf.Tensor3D;
    save([qq, kk, vv, probs]);
    return {
      value: sliceProducts(probs, vv as tf.Tensor3D), // [B·H, T, hs]
      gradFunc: (dy, saved) => {
        const [sq, sk, sv, p] = saved as tf.Tensor3D[];
        const dy3 = dy as tf.Tensor3D;
        const dProbs = sliceProducts(dy3, transposeLast(sv)); // [B·H, T, K]
        const dv = sliceProducts(transposeLast(p), dy3); // [B·H, K, hs]
        // softmax backward: dS = P ⊙ (dP − Σ dP⊙P), then the score scale
        const dScores = tf.mul(tf.mul(p, tf.sub(dProbs, tf.sum(tf.mul(dProbs, p), -1, true))), scale) as tf.Tensor3D;
        const dq = sliceProducts(dScores, sk); // [B·H, T, hs]
        const dk = sliceProducts(transposeLast(dScores), sq); // [B·H, K, hs]
        return [dq, dk, dv, tf.zerosLike(bb)];
      },
    };
  });
  return op(q, k, v, bias) as tf.Tensor3D;
}
