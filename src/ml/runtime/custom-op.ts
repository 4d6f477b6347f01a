import * as tf from '@tensorflow/tfjs';

export interface CustomOpResult {
  value: tf.Tensor;
  /** Gradients of the inputs, in input order, from the upstream gradient and the saved tensors. */
  gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[];
}

/**
 * tf.customGrad with fixed-arity typing: tfjs types the callback as a rest parameter of
 * `Tensor | GradSaveFunc`; this splits the save function off so each op reads plainly.
 */
export function customOp(f: (inputs: tf.Tensor[], save: tf.GradSaveFunc) => CustomOpResult): (...inputs: tf.Tensor[]) => tf.Tensor {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1];
    if (typeof save !== 'function') throw new Error('customOp: tfjs did not pass a save function');
    const inputs = args.slice(0, -1).filter((a): a is tf.Tensor => a instanceof tf.Tensor);
    return f(inputs, save);
  });
  return (...inputs: tf.Tensor[]) => op(...inputs);
}
