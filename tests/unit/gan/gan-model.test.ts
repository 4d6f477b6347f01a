import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { GanConfigSchema, DEFAULT_GAN_CONFIG, generatorReach, type GanConfig } from '../../../src/ml/gan/config.ts';
import { createGanVariables, discriminate, discriminatorVariableNames, generate, generatorVariableNames, styleOneHot } from '../../../src/ml/gan/model.ts';
import type { StyleFeatures } from '../../../src/ml/gan/style-set-node.ts';
import { buildGanBatch, createGanTrainingTask, discriminatorLoss, disposeGanBatch, ganValidationFigures, generatorLossParts, planGanBatch, spreadRatio, type GanTrainingOptions } from '../../../src/ml/gan/training-task.ts';
import { MemoryCheckpointStore } from '../../../src/ml/runtime/checkpoint.ts';
import { runTraining, type TrainingOptions } from '../../../src/ml/runtime/training-loop.ts';
import { Trainer } from '../../../src/ml/runtime/trainer.ts';
import { expectNoTensorLeaks, useWasmBackend } from '../../helpers/tensor-leaks.ts';

useWasmBackend();

const tiny: GanConfig = {
  ...DEFAULT_GAN_CONFIG,
  nMels: 16,
  styles: DEFAULT_GAN_CONFIG.styles.slice(0, 3),
  generator: { channels: 8, dilations: [1, 2], edgeKernel: 3 },
  discriminator: { channels: 8, dilations: [2], edgeKernel: 3 },
};

const training: GanTrainingOptions = { seed: 3, patches: 4, patchFrames: 12, l1Weight: 10, mismatchWeight: 0.5, pianoShare: 0.5, identityShare: 0.2 };

/** Style j of segment k: a per-style spectral tilt over a per-segment pattern, so styles are learnable and paired. */
function syntheticData(segments = 5, frames = 20): StyleFeatures {
  const features = Array.from({ length: segments }, (_, k) =>
    tiny.styles.map((_, j) => Float32Array.from({ length: frames * tiny.nMels }, (_, i) => {
      const [t, m] = [Math.floor(i / tiny.nMels), i % tiny.nMels];
      return Math.sin(0.7 * t + k + 0.3 * m) * 0.5 + (j - 1) * (m / tiny.nMels - 0.5);
    })),
  );
  return { config: tiny, segments: features.map((_, k) => k), frames, features };
}

const options = (steps: number, store?: MemoryCheckpointStore): TrainingOptions => ({
  steps,
  seed: 3,
  learningRate: { peak: 3e-3, warmupSteps: 0, final: 3e-3 },
  groups: { discriminator: { learningRate: { peak: 1e-3, warmupSteps: 0, final: 1e-3 } } },
  beta1: 0.5,
  clipNorm: 1,
  ...(store ? { checkpoint: { store, every: steps } } : {}),
});

describe('style GAN model', () => {
  it('keeps the input shape, starts near doing nothing, and depends on the style', async () => {
    const vars = createGanVariables(tiny, 1);
    await expectNoTensorLeaks(() => {
      tf.tidy(() => {
        const x = tf.randomNormal([2, 15, tiny.nMels], 0, 1, 'float32', 1) as tf.Tensor3D;
        const a = generate(vars, tiny, x, styleOneHot([0, 0], 3));
        const b = generate(vars, tiny, x, styleOneHot([2, 2], 3));
        expect(a.shape).toEqual([2, 15, tiny.nMels]);
        expect(tf.max(tf.abs(tf.sub(a, x))).dataSync()[0]).toBeLessThan(0.1);
        expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeGreaterThan(0);
        const d = discriminate(vars, tiny, x, styleOneHot([1, 2], 3));
        expect(d.shape).toEqual([2, 15]);
      });
    });
    tf.dispose(Object.values(vars));
  });

  it('sees exactly its reach: a change at one frame moves outputs only within generatorReach frames', () => {
    const vars = createGanVariables({ ...tiny, generator: { ...tiny.generator, channels: 8 } }, 2);
    const reach = generatorReach(tiny);
    const frames = 2 * reach + 11;
    const centre = reach + 5;
    tf.tidy(() => {
      // the output layer starts near zero: scale it up so a change shows
      const w = { ...vars, 'generator.out.w': tf.mul(vars['generator.out.w'], 1000) };
      const base = tf.zeros([1, frames, tiny.nMels]) as tf.Tensor3D;
      const poked = tf.tensor3d(Float32Array.from({ length: frames * tiny.nMels }, (_, i) => (Math.floor(i / tiny.nMels) === centre ? 1 : 0)), [1, frames, tiny.nMels]);
      const diff = tf.sum(tf.abs(tf.sub(tf.sub(generate(w, tiny, poked, styleOneHot([1], 3)), poked), generate(w, tiny, base, styleOneHot([1], 3)))), 2).dataSync();
      for (let t = 0; t < frames; t++) {
        if (Math.abs(t - centre) > reach) expect(diff[t]).toBe(0);
      }
      expect(diff[centre]).toBeGreaterThan(0);
    });
    tf.dispose(Object.values(vars));
  });

  it('rejects a config without styles or with a bad size (schema)', () => {
    expect(GanConfigSchema.safeParse({ ...tiny, styles: [] }).success).toBe(false);
    expect(GanConfigSchema.safeParse({ ...tiny, nMels: 3 }).success).toBe(false);
    expect(GanConfigSchema.safeParse(tiny).success).toBe(true);
  });
});

describe('style GAN training task', () => {
  it('plans batches deterministically with identity and piano-source items', () => {
    const data = syntheticData();
    const a = planGanBatch(data, { ...training, patches: 200 }, 7);
    expect(planGanBatch(data, { ...training, patches: 200 }, 7)).toEqual(a);
    expect(planGanBatch(data, { ...training, patches: 200 }, 8)).not.toEqual(a);
    const identity = a.filter((p) => p.source === p.target).length / a.length;
    expect(identity).toBeGreaterThan(0.15);
    expect(a.filter((p) => p.source === 0).length / a.length).toBeGreaterThan(0.4);
    for (const p of a) expect(p.offset + training.patchFrames).toBeLessThanOrEqual(data.frames);
  });

  it('gives each group gradients only for its own variables, without leaking tensors', async () => {
    const data = syntheticData();
    const task = createGanTrainingTask(data, training);
    const trainer = new Trainer(task, options(1));
    await expectNoTensorLeaks(() => {
      for (const group of ['discriminator', 'generator']) {
        const { loss, grads } = trainer.gradients(0, 0, 1, group);
        expect(Number.isFinite(loss)).toBe(true);
        const norms = grads.map((g) => tf.tidy(() => tf.norm(g).dataSync()[0]));
        // every variable of the group gets a gradient, most of them non-zero
        expect(norms.filter((n) => n > 0).length).toBeGreaterThan(norms.length / 2);
        tf.dispose(grads);
      }
    });
    expect(trainer.size('generator')).toBe(generatorVariableNames(task.variables).reduce((n, k) => n + task.variables[k].size, 0));
    expect(trainer.size('discriminator')).toBe(discriminatorVariableNames(task.variables).reduce((n, k) => n + task.variables[k].size, 0));
    trainer.dispose();
    task.dispose();
  });

  it('losses: LSGAN discriminator, generator = adversarial + weighted L1, spread ratio 1 for the targets themselves', async () => {
    const data = syntheticData();
    const vars = createGanVariables(tiny, 4);
    const batch = buildGanBatch(data, planGanBatch(data, training, 0), training.patchFrames);
    await expectNoTensorLeaks(() => {
      tf.tidy(() => {
        const parts = generatorLossParts(vars, tiny, batch, training);
        const [adv, l1, total] = [parts.adversarial, parts.l1, parts.total].map((t) => t.dataSync()[0]);
        expect(total).toBeCloseTo(adv + training.l1Weight * l1, 4);
        expect(discriminatorLoss(vars, tiny, batch, training).dataSync()[0]).toBeGreaterThan(0);
      });
      expect(spreadRatio(batch.y, batch.y)).toBeCloseTo(1, 5);
    });
    disposeGanBatch(batch);
    tf.dispose(Object.values(vars));
  });

  it('training moves the generator towards the targets, and repeats exactly with the same seed', async () => {
    const run = async (): Promise<{ figures: Record<string, number>; weights: Float32Array }> => {
      const data = syntheticData();
      const task = createGanTrainingTask(data, training, (v) => ganValidationFigures(v, data, training, 8));
      const before = ganValidationFigures(task.variables, data, training, 8);
      const result = await runTraining(task, { ...options(40), evalEvery: 40 });
      const weights = Float32Array.from(task.variables['generator.out.w'].dataSync());
      task.dispose();
      return { figures: { before: before.valL1Remix, ...result.evals[0].figures }, weights };
    };
    const a = await run();
    expect(a.figures.valL1Remix).toBeLessThan(0.8 * a.figures.before);
    expect(a.figures.valSpreadRatio).toBeGreaterThan(0.5);
    const b = await run();
    expect(b.weights).toEqual(a.weights);
  });

  it('resumes from a checkpoint to the same weights as an uninterrupted run', async () => {
    const data = syntheticData();
    const whole = createGanTrainingTask(data, training);
    await runTraining(whole, options(6));
    const expected = Float32Array.from(whole.variables['discriminator.out.w'].dataSync());
    whole.dispose();
    const store = new MemoryCheckpointStore();
    const first = createGanTrainingTask(data, training);
    const stop = new AbortController();
    const partial = await runTraining(first, { ...options(6), checkpoint: { store, every: 3 }, signal: stop.signal, onProgress: (p) => p.step === 3 && stop.abort() });
    expect(partial.steps).toBe(3);
    expect(Float32Array.from(first.variables['discriminator.out.w'].dataSync())).not.toEqual(expected);
    first.dispose();
    const second = createGanTrainingTask(data, training);
    await runTraining(second, { ...options(6), checkpoint: { store, every: 3 }, resume: true });
    expect(Float32Array.from(second.variables['discriminator.out.w'].dataSync())).toEqual(expected);
    second.dispose();
  });
});
