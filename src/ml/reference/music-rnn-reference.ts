import * as tf from '@tensorflow/tfjs';

/**
 * The reference Alea's Continue speed is judged against: Magenta.js's MusicRNN at melody_rnn size
 * (two stacked 512-unit LSTMs over a one-hot melody vocabulary, `tf.basicLSTMCell` per step,
 * one sampled event per 16th), generating 128 steps. It runs on whichever backend is active:
 * Magenta.js in Node without tfjs-node runs on tfjs's pure-JS `cpu` backend, so the bench sets
 * that. Weights are random: speed, not music, is measured here.
 */
export interface MusicRnnReferenceFigure {
  backend: string;
  steps: number;
  seconds: number;
}

const EVENT_CLASSES = 38; // melody_rnn basic_rnn: no-event, note-off, 36 pitches
const UNITS = 512;

export async function timeMusicRnnReference(steps = 128, backend = 'cpu'): Promise<MusicRnnReferenceFigure> {
  const previous = tf.getBackend();
  await tf.setBackend(backend);
  try {
    const layerSizes = [EVENT_CLASSES, UNITS];
    const kernels = layerSizes.map((input, i) => tf.randomNormal([input + UNITS, 4 * UNITS], 0, 0.05, 'float32', 10 + i) as tf.Tensor2D);
    const biases = layerSizes.map(() => tf.zeros([4 * UNITS]) as tf.Tensor1D);
    const forgetBias = tf.scalar(1);
    const outKernel = tf.randomNormal([UNITS, EVENT_CLASSES], 0, 0.05, 'float32', 20) as tf.Tensor2D;
    let c: tf.Tensor2D[] = layerSizes.map(() => tf.zeros([1, UNITS]) as tf.Tensor2D);
    let h: tf.Tensor2D[] = layerSizes.map(() => tf.zeros([1, UNITS]) as tf.Tensor2D);
    let event = 0;
    const started = performance.now();
    for (let step = 0; step < steps; step++) {
      const next = tf.tidy(() => {
        let input = tf.oneHot(tf.tensor1d([event], 'int32'), EVENT_CLASSES).toFloat() as tf.Tensor2D;
        const newC: tf.Tensor2D[] = [];
        const newH: tf.Tensor2D[] = [];
        for (let layer = 0; layer < layerSizes.length; layer++) {
          const [cNext, hNext] = tf.basicLSTMCell(forgetBias, kernels[layer], biases[layer], input, c[layer], h[layer]);
          newC.push(cNext);
          newH.push(hNext);
          input = hNext;
        }
        const logits = tf.matMul(input, outKernel);
        const sampled = tf.multinomial(logits as tf.Tensor2D, 1, step);
        return { newC, newH, sampled };
      });
      tf.dispose([...c, ...h]);
      c = next.newC;
      h = next.newH;
      event = (await next.sampled.data())[0];
      next.sampled.dispose();
    }
    const seconds = (performance.now() - started) / 1000;
    tf.dispose([...kernels, ...biases, forgetBias, outKernel, ...c, ...h]);
    return { backend, steps, seconds };
  } finally {
    await tf.setBackend(previous);
  }
}
