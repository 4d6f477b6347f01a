import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { couplingMask, defaultFlowConfig } from '../../../src/ml/flow/config.ts';
import { FlowPrior, percentileOf, percentiles } from '../../../src/ml/flow/flow-prior.ts';
import { createFlowVariables, flowForward, flowInverse } from '../../../src/ml/flow/model.ts';
import { createFlowTrainingTask, latentMoments } from '../../../src/ml/flow/training-task.ts';
import { latentNlls } from '../../../src/ml/flow/train-flow-node.ts';
import { runTraining } from '../../../src/ml/runtime/training-loop.ts';
import { createRng } from '../../../src/ml/runtime/rng.ts';
import { expectNoTensorLeaks, useWasmBackend } from '../../helpers/tensor-leaks.ts';

useWasmBackend();

const vae = { name: 'tiny-vae', weightsHash: 'abc' };

/** Points on a noisy ring of radius 3 in 4-D (two ring dimensions, two narrow ones): far from Gaussian. */
function ring(count: number, seed: number): { values: Float32Array; count: number; dim: number } {
  const rng = createRng(seed);
  const values = new Float32Array(count * 4);
  for (let i = 0; i < count; i++) {
    const angle = rng.next() * 2 * Math.PI;
    values.set([3 * Math.cos(angle) + 0.1 * rng.normal(), 3 * Math.sin(angle) + 0.1 * rng.normal(), 0.2 * rng.normal(), 5 + 0.5 * rng.normal()], i * 4);
  }
  return { values, count, dim: 4 };
}

describe('flow prior', () => {
  it('every coupling keeps half the dimensions and the layers cover them all', () => {
    for (let i = 0; i < 4; i++) expect(couplingMask(8, i).reduce((a, b) => a + b)).toBe(4);
    const transformedSomewhere = new Set<number>();
    for (let i = 0; i < 4; i++) couplingMask(8, i).forEach((keep, d) => keep === 0 && transformedSomewhere.add(d));
    expect(transformedSomewhere.size).toBe(8);
  });

  it('the inverse undoes the forward pass for any weights', async () => {
    const config = { ...defaultFlowConfig(4, vae), couplings: 4, hidden: 8 };
    const data = ring(64, 1);
    const { mean, std } = latentMoments(data);
    const vars = createFlowVariables(config, 2, mean, std);
    // Random last layers, so the couplings are far from the identity they start as.
    const rng = createRng(9);
    for (let i = 0; i < config.couplings; i++) {
      const w = vars[`coupling.${i}.2.w`];
      w.assign(tf.tensor2d(Float32Array.from({ length: w.size }, () => rng.normal() * 0.3), w.shape as [number, number]));
    }
    await expectNoTensorLeaks(() => {
      const err = tf.tidy(() => {
        const z = tf.tensor2d(data.values, [data.count, 4]);
        const back = flowInverse(vars, config, flowForward(vars, config, z).u);
        return tf.max(tf.abs(tf.sub(back, z))).dataSync()[0];
      });
      expect(err).toBeLessThan(1e-4);
    });
    tf.dispose(Object.values(vars));
  });

  it('jitter moves each batch by noise scaled to each dimension, the same for the same step', () => {
    const train = ring(200, 3);
    const config = { ...defaultFlowConfig(4, vae), couplings: 2, hidden: 8 };
    const plain = createFlowTrainingTask(config, train, 64, 5);
    const jittered = createFlowTrainingTask(config, train, 64, 5, undefined, 0.2);
    try {
      const [a, b, again] = [plain.makeBatch(3, 0, 1), jittered.makeBatch(3, 0, 1), jittered.makeBatch(3, 0, 1)];
      const [x, y, z] = [a.arraySync(), b.arraySync(), again.arraySync()];
      tf.dispose([a, b, again]);
      expect(z).toEqual(y); // resumable: a step's batch depends only on (seed, step)
      const { std } = latentMoments(train);
      for (let d = 0; d < 4; d++) {
        const moved = Math.sqrt(x.reduce((sum, row, i) => sum + (y[i][d] - row[d]) ** 2, 0) / x.length);
        expect(moved / std[d]).toBeGreaterThan(0.1); // about 0.2 standard deviations of that dimension
        expect(moved / std[d]).toBeLessThan(0.35);
      }
    } finally {
      plain.dispose();
      jittered.dispose();
    }
  });

  it('learns a ring better than N(0, I) and better than a fitted diagonal Gaussian, and scores typicality', async () => {
    const train = ring(2000, 3);
    const heldOut = ring(500, 4);
    const config = { ...defaultFlowConfig(4, vae), couplings: 6, hidden: 32 };
    await expectNoTensorLeaks(async () => {
      const task = createFlowTrainingTask(config, train, 128, 5);
      try {
        await runTraining(task, { steps: 300, seed: 5, learningRate: { peak: 5e-3, warmupSteps: 20, final: 1e-4 }, clipNorm: 5 });
        const nll = latentNlls(task.weights, config, heldOut, latentMoments(train));
        expect(nll.flowNll).toBeLessThan(nll.diagonalGaussianNll - 0.3);
        expect(nll.diagonalGaussianNll).toBeLessThan(nll.gaussianNll);
        const trainLogProbs = tf.tidy(() => {
          const z = tf.tensor2d(train.values, [train.count, 4]);
          const { u, logDet } = flowForward(task.weights, config, z);
          const base = tf.sub(tf.mul(-0.5, tf.sum(tf.square(u), 1)), 2 * Math.log(2 * Math.PI));
          return Array.from(tf.add(base, logDet).dataSync());
        });
        const weights: Record<string, tf.Tensor> = {};
        for (const [name, v] of Object.entries(task.weights)) weights[name] = v.clone();
        const prior = FlowPrior.fromLoaded({ ...config, logProbPercentiles: percentiles(trainLogProbs) }, weights, 'h');
        try {
          const onRing = prior.typicality(Float32Array.from([3, 0, 0, 5]));
          const centre = prior.typicality(Float32Array.from([0, 0, 0, 5]));
          expect(onRing.percentile).toBeGreaterThan(20);
          expect(centre.percentile).toBeLessThan(onRing.percentile);
          expect(prior.typicality(Float32Array.from([30, 30, 30, 30])).unusual).toBe(true);
          const drawn = prior.sample(200, 11, 1);
          const radii = drawn.map((z) => Math.hypot(z[0], z[1]));
          const meanRadius = radii.reduce((a, b) => a + b) / radii.length;
          expect(meanRadius).toBeGreaterThan(2.2);
          expect(meanRadius).toBeLessThan(3.8);
          expect(prior.sample(3, 11, 1)).toEqual(drawn.slice(0, 3));
          expect(prior.sample(3, 12, 1)).not.toEqual(drawn.slice(0, 3));
        } finally {
          prior.dispose();
        }
      } finally {
        task.dispose();
      }
    });
  });

  it('percentiles interpolate, clamp at the ends, and refuse a latent of the wrong size', () => {
    const table = percentiles(Array.from({ length: 101 }, (_, i) => i));
    expect(table[50]).toBe(50);
    expect(percentileOf(table, 25.5)).toBeCloseTo(25.5, 6);
    expect(percentileOf(table, -3)).toBe(0);
    expect(percentileOf(table, 300)).toBe(100);
    const config = { ...defaultFlowConfig(4, vae), couplings: 2, hidden: 4, logProbPercentiles: table };
    const vars = createFlowVariables(config, 1, new Float32Array(4), new Float32Array(4).fill(1));
    const prior = FlowPrior.fromLoaded(config, vars, 'h');
    expect(() => prior.typicality(new Float32Array(3))).toThrow(/latent of 3 values/);
    prior.dispose();
    expect(() => prior.sample(1, 1)).toThrow(/disposed/);
    expect(() => FlowPrior.fromLoaded({ family: 'vae' }, {}, 'h')).toThrow(/not a flow prior/);
  });
});
