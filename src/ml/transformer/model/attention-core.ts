import * as tf from '@tensorflow/tfjs';
import { customOp } from '../../runtime/custom-op.ts';
import { rotate, unrotate, type RopeTables } from './positional.ts';

/**
 * The heart of causal self-attention, softmax(q·kᵀ/√hs + bias)·v for every sequence and head,
 * as one op with a hand-written gradient. Why by hand: on wasm, tfjs's batched matMul and its
 * gradient run on a slow loop, rank-5 transposes fall back to JavaScript, and the tape would keep
 * every [time, time] intermediate. Here each (sequence, head) is a handful of plain 2-D matMuls
 * (XNNPACK's fast path), heads are split with one rank-4 transpose and one unstack (fast on wasm
 * with the in-place Slice/Unpack that the runtime installs, backend-wasm-kernels.ts), and only
 * q, k, v and the attention weights are kept for the backward pass.
 */

export interface CoreOptions {
  batch: number;
  heads: number;
  /** causal mask (+ ALiBi) → [heads or 1, time, time] */
  bias: tf.Tensor3D;
  rope?: RopeTables;
}

/** [batch·time, groups·headSize] → [batch·groups] matrices [time, headSize] */
function splitGroups(x: tf.Tensor, batch: number, groups: number, headSize: number): tf.Tensor2D[] {
  const time = x.shape[0] / batch;
  const grouped = tf.transpose(tf.reshape(x, [batch, time, groups, headSize]), [0, 2, 1, 3]); // [B, G, T, hs]
  return tf.unstack(tf.reshape(grouped, [batch * groups, time, headSize])) as tf.Tensor2D[];
}

/** Inverse of splitGroups. */
function joinGroups(parts: tf.Tensor2D[], batch: number, groups: number): tf.Tensor2D {
  const [time, headSize] = parts[0].shape;
  const stacked = tf.reshape(tf.stack(parts), [batch, groups, time, headSize]);
  return tf.reshape(tf.transpose(stacked, [0, 2, 1, 3]), [batch * time, groups * headSize]);
}

/** qkv [batch·time, 3·dModel] (q | k | v, heads inside each) → [batch·time, dModel] */
export function attentionCore(qkv: tf.Tensor2D, options: CoreOptions): tf.Tensor2D {
  const { batch, heads, bias, rope } = options;
  const headSize = qkv.shape[1] / 3 / heads;
  const scale = 1 / Math.sqrt(headSize);
  const op = customOp(([input], save) => {
    const pieces = splitGroups(input, batch, 3 * heads, headSize); // per sequence: q heads, k heads, v heads
    const biases = bias.shape[0] === 1 ? [tf.squeeze(bias, [0]) as tf.Tensor2D] : (tf.unstack(bias) as tf.Tensor2D[]);
    const qs: tf.Tensor2D[] = [];
    const ks: tf.Tensor2D[] = [];
    const vs: tf.Tensor2D[] = [];
    const ps: tf.Tensor2D[] = [];
    const ys: tf.Tensor2D[] = [];
    for (let b = 0; b < batch; b++) {
      for (let h = 0; h < heads; h++) {
        const base = b * 3 * heads;
        const q = rope ? rotate(pieces[base + h], rope) : pieces[base + h]; // [T, hs]
        const k = rope ? rotate(pieces[base + heads + h], rope) : pieces[base + heads + h];
        const v = pieces[base + 2 * heads + h];
        const scores = tf.add(tf.mul(tf.matMul(q, tf.transpose(k)), scale), biases[biases.length === 1 ? 0 : h]); // [T, T]
        const p = tf.softmax(scores) as tf.Tensor2D;
        qs.push(q);
        ks.push(k);
        vs.push(v);
        ps.push(p);
        ys.push(tf.matMul(p, v)); // [T, hs]
      }
    }
    save([...qs, ...ks, ...vs, ...ps]);
    return {
      value: joinGroups(ys, batch, heads),
      gradFunc: (dy, saved) => {
        const n = batch * heads;
        const [sq, sk, sv, sp] = [0, 1, 2, 3].map((i) => saved.slice(i * n, (i + 1) * n) as tf.Tensor2D[]);
        const dys = splitGroups(dy, batch, heads, headSize);
        const dq: tf.Tensor2D[] = [];
        const dk: tf.Tensor2D[] = [];
        const dv: tf.Tensor2D[] = [];
        for (let i = 0; i < n; i++) {
          const p = sp[i];
          const dProbs = tf.matMul(dys[i], tf.transpose(sv[i])); // [T, T]
          dv.push(tf.matMul(tf.transpose(p), dys[i]));
          // softmax backward: dS = P ⊙ (dP − Σ dP⊙P), then the score scale
          const dScores = tf.mul(tf.mul(p, tf.sub(dProbs, tf.sum(tf.mul(dProbs, p), -1, true))), scale) as tf.Tensor2D;
          const dqi = tf.matMul(dScores, sk[i]) as tf.Tensor2D;
          const dki = tf.matMul(tf.transpose(dScores), sq[i]) as tf.Tensor2D;
          dq.push(rope ? unrotate(dqi, rope) : dqi);
          dk.push(rope ? unrotate(dki, rope) : dki);
        }
        const ordered: tf.Tensor2D[] = [];
        for (let b = 0; b < batch; b++) {
          for (const part of [dq, dk, dv]) ordered.push(...part.slice(b * heads, (b + 1) * heads));
        }
        return [joinGroups(ordered, batch, 3 * heads)];
      },
    };
  });
  return op(qkv) as tf.Tensor2D;
}
