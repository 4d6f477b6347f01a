import * as tf from '@tensorflow/tfjs';
import { customOp } from './custom-op.ts';

/**
 * Mean cross-entropy of softmax(logits) against integer targets, written for the wasm backend:
 * the targets enter as a one-hot product (no gather, whose gradient wasm lacks), the value uses
 * the max-shifted log-sum-exp (no overflow), and the gradient is the closed form
 * (softmax − onehot) · weight, one pass instead of tfjs's chain of small ops.
 * logits [n, v]; targets int32 [n]; mask [n] (1 = counts, 0 = ignored, e.g. padding) → scalar,
 * the mean over counted rows (0 when none count).
 */
export function logSoftmaxCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D, mask?: tf.Tensor1D): tf.Scalar {
  const [rows, vocab] = logits.shape;
  if (targets.shape[0] !== rows) throw new RangeError(`logSoftmaxCrossEntropy: ${rows} rows of logits, ${targets.shape[0]} targets`);
  if (mask && mask.shape[0] !== rows) throw new RangeError(`logSoftmaxCrossEntropy: ${rows} rows of logits, ${mask.shape[0]} mask values`);
  // Per-row weights: mask / (number of counted rows), built outside the gradient (constants).
  const oneHot = tf.tidy(() => tf.oneHot(tf.cast(targets, 'int32'), vocab).toFloat());
  const weights = tf.tidy(() => {
    const m = mask ? tf.cast(mask, 'float32') : tf.ones([rows]);
    return tf.reshape(tf.div(m, tf.maximum(tf.sum(m), 1)), [rows, 1]);
  });
  const loss = customOp(([x], save) => {
    const logProbs = tf.logSoftmax(x);
    // Saved tensors live on the tape until the backward pass is done; the closure must not
    // read `oneHot`/`weights` directly, since they are freed when this call returns.
    save([logProbs, oneHot, weights]);
    return {
      value: tf.neg(tf.sum(tf.mul(tf.mul(logProbs, oneHot), weights))),
      gradFunc: (dy, [savedLogProbs, savedOneHot, savedWeights]) => [
        tf.mul(tf.mul(tf.sub(tf.exp(savedLogProbs), savedOneHot), savedWeights), dy),
      ],
    };
  });
  try {
    return loss(logits) as tf.Scalar;
  } finally {
    tf.dispose([oneHot, weights]);
  }
}
