import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend-node.ts';
import { attentionCore } from '../../../src/ml/transformer/model/attention-core.ts';
import { alibiSlopes, attentionBias, ropeTables, type RopeTables } from '../../../src/ml/transformer/model/positional.ts';

beforeAll(async () => {
  await initBackend({ prefer: 'wasm' }); // installs the runtime's wasm kernels, as the CLI and app do
});

/** The same attention in plain tfjs ops (autodiff gradient), as the reference. */
function reference(qkv: tf.Tensor2D, batch: number, heads: number, bias: tf.Tensor3D, rope?: RopeTables): tf.Tensor2D {
  const [rows, width] = qkv.shape;
  const time = rows / batch;
  const d = width / 3;
  const hs = d / heads;
  const g = tf.transpose(tf.reshape(qkv, [batch, time, 3, heads, hs]), [2, 0, 3, 1, 4]); // [3, B, H, T, hs]
  let [q, k, v] = tf.unstack(g) as tf.Tensor4D[];
  if (rope) {
    const rot = (x: tf.Tensor4D): tf.Tensor4D => {
      const [a, b] = tf.split(x, 2, -1);
      return tf.add(tf.mul(x, rope.cos), tf.mul(tf.concat([tf.neg(b), a], -1), rope.sin)) as tf.Tensor4D;
    };
    q = rot(q);
    k = rot(k);
  }
  const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(hs)), bias);
  const y = tf.matMul(tf.softmax(scores), v); // [B, H, T, hs]
  return tf.reshape(tf.transpose(y, [0, 2, 1, 3]), [rows, d]);
}

describe('attentionCore', () => {
  for (const positional of ['alibi', 'rope'] as const) {
    it(`matches plain tfjs attention, value and gradient (${positional})`, () => {
      const [batch, heads, time, d] = [2, 2, 6, 8];
      const qkv = tf.randomNormal([batch * time, 3 * d], 0, 1, 'float32', 7) as tf.Tensor2D;
      const bias = attentionBias(time, time, 0, positional === 'alibi' ? alibiSlopes(heads) : null);
      const rope = positional === 'rope' ? ropeTables(0, time, d / heads) : undefined;
      const weights = tf.randomNormal([batch * time, d], 0, 1, 'float32', 8);
      const loss = (f: (x: tf.Tensor2D) => tf.Tensor2D) => (x: tf.Tensor) => tf.sum(tf.mul(f(x as tf.Tensor2D), weights));
      const ours = tf.valueAndGrad(loss((x) => attentionCore(x, { batch, heads, bias, rope })))(qkv);
      const theirs = tf.valueAndGrad(loss((x) => reference(x, batch, heads, bias, rope)))(qkv);
      expect(ours.value.dataSync()[0]).toBeCloseTo(theirs.value.dataSync()[0], 3);
      const gradError = tf.max(tf.abs(tf.sub(ours.grad, theirs.grad))).dataSync()[0];
      expect(gradError).toBeLessThan(1e-4);
    });
  }
});

describe('gelu', () => {
  it('matches the tanh formula, value and gradient', async () => {
    const { gelu } = await import('../../../src/ml/transformer/model/layers.ts');
    const x = tf.linspace(-5, 5, 101);
    const ref = (v: tf.Tensor) => tf.mul(tf.mul(v, 0.5), tf.add(tf.tanh(tf.mul(tf.add(v, tf.mul(tf.pow(v, 3), 0.044715)), Math.sqrt(2 / Math.PI))), 1));
    const w = tf.linspace(0.5, 1.5, 101);
    const ours = tf.valueAndGrad((v: tf.Tensor) => tf.sum(tf.mul(gelu(v), w)))(x);
    const theirs = tf.valueAndGrad((v: tf.Tensor) => tf.sum(tf.mul(ref(v), w)))(x);
    expect(ours.value.dataSync()[0]).toBeCloseTo(theirs.value.dataSync()[0], 3);
    expect(tf.max(tf.abs(tf.sub(ours.grad, theirs.grad))).dataSync()[0]).toBeLessThan(1e-4);
  });
});
