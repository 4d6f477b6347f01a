import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MemoryCheckpointStore } from '../../../src/ml/runtime/checkpoint.ts';
import { runTrainingParallel } from '../../../src/ml/runtime/parallel-training.ts';
import { runTraining, type TrainingOptions } from '../../../src/ml/runtime/training-loop.ts';
import { tinyTaskUrl } from '../../helpers/parallel-smoke.ts';
import { useWasmBackend } from '../../helpers/tensor-leaks.ts';
import { createTrainingTask, type TinyTaskConfig } from '../../helpers/tiny-regression-task.ts';

useWasmBackend();

const config: TinyTaskConfig = { seed: 11, inputs: 6, hidden: 12, batch: 16 };
const options: TrainingOptions = { steps: 8, seed: 5, learningRate: { peak: 0.05, warmupSteps: 2, final: 0.005 }, clipNorm: 0.5, weightDecay: 0.01, evalEvery: 4 };

describe('runTrainingParallel', () => {
  it('on two workers follows the same loss curve as one process on the whole batch', async () => {
    const task = await createTrainingTask(config);
    const single: number[] = [];
    const singleResult = await runTraining(task, { ...options, onProgress: (e) => single.push(e.loss) });
    task.dispose();
    const parallel: number[] = [];
    const store = new MemoryCheckpointStore();
    const result = await runTrainingParallel(tinyTaskUrl, config, { ...options, checkpoint: { store, every: 4 }, onProgress: (e) => parallel.push(e.loss) }, 2);
    expect(parallel).toHaveLength(8);
    parallel.forEach((loss, i) => expect(Math.abs(loss - single[i])).toBeLessThanOrEqual(1e-5));
    expect(result.evals.map((e) => e.step)).toEqual([4, 8]);
    expect(Math.abs(result.evals[1].figures.valMse - singleResult.evals[1].figures.valMse)).toBeLessThanOrEqual(1e-5);
    expect(store.steps).toEqual([4, 8]);
    const saved = await store.latest();
    const kernel = saved?.weights['layer1/kernel'].values ?? new Float32Array();
    const check = await createTrainingTask(config);
    await runTraining(check, options);
    const expected = check.variables['layer1/kernel'].dataSync();
    check.dispose();
    kernel.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-5));
  });

  it('resumes from a checkpoint written by a parallel run', async () => {
    const store = new MemoryCheckpointStore();
    const stop = new AbortController();
    const first = await runTrainingParallel(tinyTaskUrl, config, { ...options, checkpoint: { store, every: 100 }, signal: stop.signal, onProgress: (e) => e.step === 3 && stop.abort() });
    expect(first).toMatchObject({ steps: 3, stopped: true });
    const losses: number[] = [];
    const second = await runTrainingParallel(tinyTaskUrl, config, { ...options, checkpoint: { store, every: 100 }, resume: true, onProgress: (e) => losses.push(e.loss) });
    expect(second.steps).toBe(8);
    expect(losses).toHaveLength(5);
  });

  it('reports a task module without createTrainingTask as one clear error', async () => {
    const bad = new URL('../../helpers/tensor-leaks.ts', import.meta.url).href;
    await expect(runTrainingParallel(bad, {}, options, 1)).rejects.toThrow(/does not export createTrainingTask/);
  });

  it('starts its workers from a plain .mjs entry, as bin/alea.mjs does', async () => {
    const entry = fileURLToPath(new URL('../../helpers/parallel-smoke.mjs', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [entry], { timeout: 60_000 });
    expect(JSON.parse(stdout)).toMatchObject({ steps: 3, stopped: false });
  });
});
