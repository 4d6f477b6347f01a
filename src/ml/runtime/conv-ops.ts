import * as tf from '@tensorflow/tfjs';
import { matMul2d } from './matmul-ops.ts';

/**
 * 'same': output as long as the input, padded like tf.conv1d's 'same' (the extra frame on the
 * right); 'valid': no padding; 'causal': all padding on the left, so frame t sees only ≤ t.
 */
export type Conv1dPadding = 'same' | 'valid' | 'causal';

export interface Conv1dOptions {
  bias?: tf.Tensor1D;
  dilation?: number;
  padding?: Conv1dPadding;
}

/**
 * 1-D convolution (stride 1) as k time-shifted slices, each a plain 2-D product: tfjs's conv1d
 * runs at ~1.3 GFLOP/s on wasm and cannot train there (no Conv2DBackpropFilter); this trains
 * forward + backward at ~9–16 GFLOP/s. x [b, t, cin], w [k, cin, cout] → [b, t', cout].
 */
export function conv1dShifted(x: tf.Tensor3D, w: tf.Tensor3D, options: Conv1dOptions = {}): tf.Tensor3D {
  const { bias, dilation = 1, padding = 'same' } = options;
  const [batch, time, cin] = x.shape;
  const [k, wIn, cout] = w.shape;
  if (wIn !== cin) throw new RangeError(`conv1dShifted: input has ${cin} channels, kernel expects ${wIn}`);
  if (!Number.isInteger(dilation) || dilation < 1) throw new RangeError(`conv1dShifted: dilation must be a whole number ≥ 1, got ${dilation}`);
  const span = (k - 1) * dilation;
  const left = padding === 'causal' ? span : padding === 'same' ? Math.floor(span / 2) : 0;
  const right = padding === 'valid' ? 0 : span - left;
  const outTime = time + left + right - span;
  if (outTime < 1) throw new RangeError(`conv1dShifted: ${time} frames are too few for a kernel spanning ${span + 1}`);
  return tf.tidy(() => {
    const padded = left + right > 0 ? tf.pad(x, [[0, 0], [left, right], [0, 0]]) : x;
    const taps: tf.Tensor2D[] = [];
    for (let j = 0; j < k; j++) {
      const shifted = tf.reshape(tf.slice(padded, [0, j * dilation, 0], [batch, outTime, cin]), [batch * outTime, cin]) as tf.Tensor2D;
      const tap = tf.reshape(tf.slice(w, [j, 0, 0], [1, cin, cout]), [cin, cout]) as tf.Tensor2D;
      taps.push(matMul2d(shifted, tap));
    }
    const summed = taps.length === 1 ? taps[0] : tf.addN(taps);
    const y = tf.reshape(summed, [batch, outTime, cout]) as tf.Tensor3D;
    return bias ? (tf.add(y, bias) as tf.Tensor3D) : y;
  });
}
