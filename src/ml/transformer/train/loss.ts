import * as tf from '@tensorflow/tfjs';

/**
 * Per-position negative log-likelihood of the targets. logits [N, vocab], targets int32 [N] → [N].
 * One-hot × log-softmax instead of gather: gather's gradient is missing on wasm.
 */
export function tokenNll(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  const vocab = logits.shape[1];
  const logProbs = tf.logSoftmax(logits);
  return tf.neg(tf.sum(tf.mul(tf.oneHot(targets, vocab).toFloat(), logProbs), -1)) as tf.Tensor1D;
}

/** Mean NLL over the positions where mask is 1. */
export function maskedCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D, mask: tf.Tensor1D): tf.Scalar {
  const nll = tokenNll(logits, targets);
  return tf.div(tf.sum(tf.mul(nll, mask)), tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
}
