import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FolderCheckpointStore } from '../../../src/ml/runtime/checkpoint-node.ts';
import { runTraining, type TrainingOptions } from '../../../src/ml/runtime/training-loop.ts';
import { expectNoTensorLeaks, useWasmBackend } from '../../helpers/tensor-leaks.ts';
import { createTrainingTask } from '../../helpers/tiny-regression-task.ts';

useWasmBackend();

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const options: TrainingOptions = { steps: 6, seed: 1, learningRate: { peak: 0.02, warmupSteps: 1, final: 0.002 }, weightDecay: 0.1 };
const config = { seed: 2, inputs: 4, hidden: 8, batch: 16, dropout: 0.2 };

/** Trains toward 6 steps, stopping after `stopAt`; returns the first layer's kernel. */
async function trainTo(stopAt: number, store?: FolderCheckpointStore, resume = false): Promise<Float32Array> {
  const task = await createTrainingTask(config);
  const stop = new AbortController();
  await runTraining(task, {
    ...options,
    ...(store ? { checkpoint: { store, every: 2 }, resume } : {}),
    onProgress: (e) => e.step === stopAt && stop.abort(),
    signal: stop.signal,
  });
  const values = Float32Array.from(task.variables['layer1/kernel'].dataSync());
  task.dispose();
  return values;
}

describe('FolderCheckpointStore', () => {
  it('keeps only the newest checkpoint folder and resumes from it exactly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alea-ckpt-'));
    dirs.push(dir);
    const straight = await trainTo(6);
    const store = new FolderCheckpointStore(dir);
    await trainTo(3, store);
    expect((await readdir(dir)).sort()).toEqual(['latest.json', 'step-00000003']);
    const latest = await expectNoTensorLeaks(() => store.latest());
    expect(latest?.step).toBe(3);
    expect(Number.isFinite(latest?.loss)).toBe(true);
    expect(Object.keys(latest?.optimizer.firstMoments ?? {}).sort()).toEqual(['layer1/bias', 'layer1/kernel', 'layer2/bias', 'layer2/kernel']);
    const resumed = await trainTo(6, store, true);
    expect(resumed).toEqual(straight);
    expect((await readdir(dir)).sort()).toEqual(['latest.json', 'step-00000006']);
  });

  it('is empty before the first save, and refuses a corrupted checkpoint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alea-ckpt-'));
    dirs.push(dir);
    const store = new FolderCheckpointStore(dir);
    expect(await store.latest()).toBeNull();
    await trainTo(6, store);
    const shard = join(dir, 'step-00000006', 'group1-shard1of1.bin');
    const bytes = await readFile(shard);
    bytes[10] ^= 0xff;
    await writeFile(shard, bytes);
    await expect(store.latest()).rejects.toThrow(/group1-shard1of1\.bin does not match its card/);
  });
});
