import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryCheckpointStore, type CheckpointStore, type NamedArrays } from '../../../src/ml/runtime/checkpoint.ts';
import { FolderCheckpointStore } from '../../../src/ml/runtime/checkpoint-node.ts';
import { learningRateAt } from '../../../src/ml/runtime/lr-schedule.ts';
import { runTrainingParallel } from '../../../src/ml/runtime/parallel-training.ts';
import { runTraining, type TrainingOptions, type TrainingProgress } from '../../../src/ml/runtime/training-loop.ts';
import { expectNoTensorLeaks, useWasmBackend } from '../../helpers/tensor-leaks.ts';
import { REAL_MEAN, createTrainingTask, type TinyGanConfig } from '../../helpers/tiny-gan-task.ts';
import { createTrainingTask as createRegressionTask } from '../../helpers/tiny-regression-task.ts';

useWasmBackend();

const ganUrl = new URL('../../helpers/tiny-gan-task.ts', import.meta.url).href;
const config: TinyGanConfig = { seed: 1, batch: 32, hidden: 8, alternate: 'within-step' };
const generatorSchedule = { peak: 0.05, warmupSteps: 0, final: 0.01 };
const discriminatorRate = 0.05;
const options: TrainingOptions = {
  steps: 12,
  seed: 1,
  learningRate: generatorSchedule,
  beta1: 0.5,
  groups: { discriminator: { learningRate: { peak: discriminatorRate, warmupSteps: 0, final: discriminatorRate }, clipNorm: 1 } },
};

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function read(variables: Record<string, tf.Variable>, prefix = ''): NamedArrays {
  return Object.fromEntries(
    Object.entries(variables)
      .filter(([n]) => n.startsWith(prefix))
      .map(([n, v]) => [n, { shape: v.shape, values: Float32Array.from(v.dataSync()) }]),
  );
}

async function train(
  overrides: Partial<TrainingOptions>,
  ganConfig: TinyGanConfig = config,
): Promise<{ events: TrainingProgress[]; weights: NamedArrays; generatorAfter: NamedArrays[]; steps: number }> {
  const task = await createTrainingTask(ganConfig);
  const events: TrainingProgress[] = [];
  const generatorAfter: NamedArrays[] = [];
  const result = await runTraining(task, {
    ...options,
    ...overrides,
    onProgress: (e) => {
      events.push(e);
      generatorAfter.push(read(task.variables, 'generator/'));
      overrides.onProgress?.(e);
    },
  });
  const weights = read(task.variables);
  task.dispose();
  return { events, weights, generatorAfter, steps: result.steps };
}

describe('training with parameter groups (a tiny GAN)', () => {
  it('moves the generated samples onto the data: discriminator and generator each descend their own loss', async () => {
    const { events } = await train({ steps: 120, evalEvery: 30 });
    const means = events.filter((e) => e.eval).map((e) => e.eval?.fakeMean ?? Number.NaN);
    expect(means).toHaveLength(4);
    // the generator starts at mean 0 (a·z + b with a = 1, b = 0)
    expect(Math.abs((means.at(-1) ?? 0) - REAL_MEAN)).toBeLessThan(0.4);
  });

  it('updates the discriminator, then the generator, each with its own learning-rate schedule', async () => {
    const store = new MemoryCheckpointStore();
    const { events } = await train({ checkpoint: { store, every: 12 } });
    for (const e of events) {
      expect(Object.keys(e.groups ?? {})).toEqual(['discriminator', 'generator']);
      expect(e.groups?.discriminator.learningRate).toBe(discriminatorRate);
      expect(e.groups?.generator.learningRate).toBe(learningRateAt(e.step - 1, 12, generatorSchedule));
      expect(e.loss).toBe(e.groups?.generator.loss);
    }
    // two different losses, not one loss reported twice
    expect(events[0].groups?.discriminator.loss).not.toBe(events[0].groups?.generator.loss);
    const saved = await store.latest();
    expect(saved?.optimizer.groupUpdates).toEqual({ discriminator: 12, generator: 12 });
    expect(Object.keys(saved?.optimizer.firstMoments ?? {}).sort()).toEqual(Object.keys(saved?.weights ?? {}).sort());
  });

  it('alternates across steps: a discriminator step leaves the generator untouched', async () => {
    const store = new MemoryCheckpointStore();
    const { events, generatorAfter } = await train({ steps: 6, checkpoint: { store, every: 6 } }, { ...config, alternate: 'across-steps' });
    expect(events.map((e) => Object.keys(e.groups ?? {}))).toEqual([['discriminator'], ['generator'], ['discriminator'], ['generator'], ['discriminator'], ['generator']]);
    const initial = await createTrainingTask(config);
    const before = read(initial.variables, 'generator/');
    initial.dispose();
    expect(generatorAfter[0]).toEqual(before); // step 1: discriminator only
    expect(generatorAfter[1]).not.toEqual(generatorAfter[0]); // step 2: the generator moved
    expect(generatorAfter[2]).toEqual(generatorAfter[1]);
    expect((await store.latest())?.optimizer.groupUpdates).toEqual({ discriminator: 3, generator: 3 });
  });

  it('resumed from a folder checkpoint, gives the same weights as a run never stopped', async () => {
    const straight = await train({}, { ...config, alternate: 'across-steps' });
    const dir = await mkdtemp(join(tmpdir(), 'alea-groups-'));
    dirs.push(dir);
    const store: CheckpointStore = new FolderCheckpointStore(dir);
    const stop = new AbortController();
    const first = await train(
      { checkpoint: { store, every: 100 }, signal: stop.signal, onProgress: (e) => e.step === 5 && stop.abort() },
      { ...config, alternate: 'across-steps' },
    );
    expect(first.steps).toBe(5);
    expect((await store.latest())?.optimizer.groupUpdates).toEqual({ discriminator: 3, generator: 2 });
    const second = await train({ checkpoint: { store, every: 100 }, resume: true }, { ...config, alternate: 'across-steps' });
    expect(second.steps).toBe(12);
    expect([...first.events, ...second.events].map((e) => e.loss)).toEqual(straight.events.map((e) => e.loss));
    expect(second.weights).toEqual(straight.weights);
  });

  it('on two workers gives the same losses and weights as one process', async () => {
    const single = await train({});
    const store = new MemoryCheckpointStore();
    const losses: Array<Record<string, number>> = [];
    const result = await runTrainingParallel(
      ganUrl,
      config,
      { ...options, checkpoint: { store, every: 12 }, onProgress: (e) => losses.push({ d: e.groups?.discriminator.loss ?? NaN, g: e.groups?.generator.loss ?? NaN }) },
      2,
    );
    expect(result.steps).toBe(12);
    losses.forEach((l, i) => {
      expect(Math.abs(l.d - (single.events[i].groups?.discriminator.loss ?? NaN))).toBeLessThanOrEqual(1e-5);
      expect(Math.abs(l.g - (single.events[i].groups?.generator.loss ?? NaN))).toBeLessThanOrEqual(1e-5);
    });
    const saved = await store.latest();
    expect(saved?.optimizer.groupUpdates).toEqual({ discriminator: 12, generator: 12 });
    for (const [name, w] of Object.entries(single.weights)) {
      const parallel = saved?.weights[name].values ?? new Float32Array();
      expect(parallel).toHaveLength(w.values.length);
      parallel.forEach((v, i) => expect(Math.abs(v - w.values[i])).toBeLessThanOrEqual(1e-5));
    }
  });

  it('leaves no tensors behind', async () => {
    const task = await createTrainingTask(config);
    await expectNoTensorLeaks(() => runTraining(task, { ...options, steps: 2, evalEvery: 1, checkpoint: { store: new MemoryCheckpointStore(), every: 1 } }));
    task.dispose();
  });

  it('refuses options or a schedule naming a group the task does not have', async () => {
    await expect(train({ groups: { critic: { beta1: 0 } } })).rejects.toThrow(/parameter group 'critic'/);
    const task = await createTrainingTask(config);
    task.schedule = () => ['critic'];
    await expect(runTraining(task, options)).rejects.toThrow(/parameter group 'critic'/);
    task.dispose();
  });

  it('a task without groups checkpoints one optimizer, as before groups existed', async () => {
    const task = await createRegressionTask({ seed: 2, inputs: 4, hidden: 8, batch: 8 });
    const store = new MemoryCheckpointStore();
    const events: TrainingProgress[] = [];
    await runTraining(task, { steps: 3, seed: 1, learningRate: generatorSchedule, checkpoint: { store, every: 3 }, onProgress: (e) => events.push(e) });
    task.dispose();
    const saved = await store.latest();
    expect(Object.keys(saved?.optimizer ?? {}).sort()).toEqual(['firstMoments', 'secondMoments', 'updates']);
    expect(saved?.optimizer.updates).toBe(3);
    expect(events.every((e) => e.groups === undefined)).toBe(true);
  });
});
