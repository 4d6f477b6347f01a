import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { MemoryCheckpointStore, type NamedArrays } from '../../../src/ml/runtime/checkpoint.ts';
import { learningRateAt } from '../../../src/ml/runtime/lr-schedule.ts';
import { runTraining, type TrainingOptions, type TrainingProgress } from '../../../src/ml/runtime/training-loop.ts';
import { expectNoTensorLeaks, useWasmBackend } from '../../helpers/tensor-leaks.ts';
import { createTrainingTask, type TinyTaskConfig } from '../../helpers/tiny-regression-task.ts';

useWasmBackend();

const config: TinyTaskConfig = { seed: 7, inputs: 8, hidden: 16, batch: 32, dropout: 0.1 };
const baseOptions: TrainingOptions = {
  steps: 10,
  seed: 3,
  learningRate: { peak: 0.03, warmupSteps: 2, final: 0.003 },
  clipNorm: 1,
  weightDecay: 0.01,
};

function readWeights(variables: Record<string, tf.Variable>): NamedArrays {
  return Object.fromEntries(Object.entries(variables).map(([n, v]) => [n, { shape: v.shape, values: Float32Array.from(v.dataSync()) }]));
}

async function train(options: Partial<TrainingOptions>): Promise<{ losses: number[]; weights: NamedArrays; steps: number; stopped: boolean; finalLoss: number }> {
  const task = await createTrainingTask(config);
  const losses: number[] = [];
  const result = await runTraining(task, {
    ...baseOptions,
    ...options,
    onProgress: (e) => {
      losses.push(e.loss);
      options.onProgress?.(e);
    },
  });
  const weights = readWeights(task.variables);
  task.dispose();
  return { losses, weights, steps: result.steps, stopped: result.stopped, finalLoss: result.finalLoss };
}

describe('learningRateAt', () => {
  it('warms up linearly to the peak, then decays to the final rate on the last step', () => {
    const schedule = { peak: 1, warmupSteps: 4, final: 0.1 };
    expect([0, 1, 2, 3].map((s) => learningRateAt(s, 20, schedule))).toEqual([0.25, 0.5, 0.75, 1]);
    expect(learningRateAt(4, 20, schedule)).toBeCloseTo(1, 10);
    expect(learningRateAt(19, 20, schedule)).toBeCloseTo(0.1, 10);
    const mid = learningRateAt(11, 20, schedule);
    expect(mid).toBeLessThan(1);
    expect(mid).toBeGreaterThan(0.1);
  });
});

describe('runTraining', () => {
  it('lowers the loss of a small regression, reports progress and evaluations', async () => {
    const task = await createTrainingTask({ ...config, dropout: 0 });
    const events: TrainingProgress[] = [];
    const result = await runTraining(task, { ...baseOptions, steps: 40, evalEvery: 20, onProgress: (e) => events.push(e) });
    task.dispose();
    expect(events.map((e) => e.step)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const early = events.slice(0, 5).reduce((s, e) => s + e.loss, 0) / 5;
    const late = events.slice(-5).reduce((s, e) => s + e.loss, 0) / 5;
    expect(late).toBeLessThan(early * 0.7);
    expect(result.evals.map((e) => e.step)).toEqual([20, 40]);
    expect(result.evals[1].figures.valMse).toBeLessThan(result.evals[0].figures.valMse);
    expect(events[19].eval).toEqual(result.evals[0].figures);
    expect(events[0].itemsPerSecond).toBeGreaterThan(0);
    expect(result.finalLoss).toBe(events[39].loss);
  });

  it('leaves no tensors behind', async () => {
    const task = await createTrainingTask(config);
    await expectNoTensorLeaks(() => runTraining(task, { ...baseOptions, steps: 3, evalEvery: 2, checkpoint: { store: new MemoryCheckpointStore(), every: 2 } }));
    task.dispose();
  });

  it('resumed from a checkpoint, gives the same losses and weights as a run never stopped', async () => {
    const straight = await train({});
    const store = new MemoryCheckpointStore();
    const stop = new AbortController();
    const first = await train({
      checkpoint: { store, every: 100 },
      onProgress: (e) => {
        if (e.step === 5) stop.abort();
      },
      signal: stop.signal,
    });
    expect(first.stopped).toBe(true);
    expect(first.steps).toBe(5);
    expect(store.steps).toEqual([5]);
    const second = await train({ checkpoint: { store, every: 100 }, resume: true });
    expect(second.steps).toBe(10);
    expect([...first.losses.slice(0, 5), ...second.losses]).toEqual(straight.losses);
    for (const [name, w] of Object.entries(straight.weights)) expect(second.weights[name].values).toEqual(w.values);
  });

  it('resumed after the last step, trains no more and reports the saved loss', async () => {
    const store = new MemoryCheckpointStore();
    const done = await train({ steps: 4, checkpoint: { store, every: 10 } });
    const again = await train({ steps: 4, checkpoint: { store, every: 10 }, resume: true });
    expect(again.losses).toEqual([]);
    expect(again.steps).toBe(4);
    expect(again.finalLoss).toBe(done.losses[3]);
    expect(again.weights).toEqual(done.weights);
  });

  it('checkpoints every N steps and after the last', async () => {
    const store = new MemoryCheckpointStore();
    await train({ steps: 7, checkpoint: { store, every: 3 } });
    expect(store.steps).toEqual([3, 6, 7]);
  });

  it('refuses to resume a checkpoint trained with another seed', async () => {
    const store = new MemoryCheckpointStore();
    await train({ steps: 2, checkpoint: { store, every: 1 } });
    await expect(train({ seed: 99, checkpoint: { store, every: 1 }, resume: true })).rejects.toThrow(/seed 3, not 99/);
  });
});

describe('tiny task (test helper)', () => {
  it('creates and disposes without leaving tensors', async () => {
    await expectNoTensorLeaks(async () => (await createTrainingTask(config)).dispose());
  });
});
