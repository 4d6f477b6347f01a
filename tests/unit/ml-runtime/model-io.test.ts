import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelCardInput } from '../../../src/ml/runtime/model-card.ts';
import { loadModelFromUrl, sha256Hex } from '../../../src/ml/runtime/model-io.ts';
import { loadModelFolder, loadModelFolderArrays, saveModelFolder, saveModelFolderArrays } from '../../../src/ml/runtime/model-io-node.ts';
import { useWasmBackend } from '../../helpers/tensor-leaks.ts';

useWasmBackend();

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'alea-model-io-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const card: ModelCardInput = {
  name: 'tiny',
  family: 'test',
  description: 'a test model',
  trainedOn: 'nothing',
  steps: 3,
  trainingTimeSeconds: 1.5,
  metrics: { valNll: 2.25 },
  createdWith: 'alea test',
};
const config = { family: 'test', architecture: { layers: 2, dModel: 4 }, tokenizer: { vocab: 10 } };

function makeWeights(): Record<string, tf.Tensor> {
  return {
    'b/kernel': tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]),
    'a/bias': tf.tensor1d([0.5, -0.25]),
    'c/steps': tf.tensor1d([7, 8, 9], 'int32'),
  };
}

async function saveTiny(dir: string, shardBytes?: number): Promise<void> {
  const weights = makeWeights();
  await saveModelFolder(dir, { weights, config, card }, shardBytes);
  tf.dispose(Object.values(weights));
}

/** Rewrites one file and its hash in card.json, as a careless edit would. */
async function rewrite(dir: string, name: string, text: string): Promise<void> {
  await writeFile(join(dir, name), text);
  const cardJson = JSON.parse(await readFile(join(dir, 'card.json'), 'utf8'));
  cardJson.files[name] = await sha256Hex(new TextEncoder().encode(text));
  await writeFile(join(dir, 'card.json'), JSON.stringify(cardJson));
}

describe('model folders', () => {
  it('round-trip weights, config and card, with a sha256 for every file', async () => {
    const dir = await tempDir();
    await saveTiny(dir);
    expect((await readdir(dir)).sort()).toEqual(['card.json', 'config.json', 'group1-shard1of1.bin', 'model.json']);
    const loaded = await loadModelFolder(dir);
    expect(Object.keys(loaded.weights).sort()).toEqual(['a/bias', 'b/kernel', 'c/steps']);
    expect(loaded.weights['b/kernel'].shape).toEqual([2, 3]);
    expect(Array.from(loaded.weights['b/kernel'].dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(loaded.weights['c/steps'].dtype).toBe('int32');
    expect(loaded.config).toEqual(config);
    expect(loaded.card).toMatchObject({ ...card, parameters: 11 });
    expect(Object.keys(loaded.card.files).sort()).toEqual(['config.json', 'group1-shard1of1.bin', 'model.json']);
    expect(loaded.weightsHash).toMatch(/^[0-9a-f]{12}$/);
    tf.dispose(Object.values(loaded.weights));
  });

  it('writes the same bytes for the same contents, weights in sorted name order', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    await saveTiny(a);
    await saveTiny(b);
    for (const name of await readdir(a)) expect(await readFile(join(b, name))).toEqual(await readFile(join(a, name)));
    const manifest = JSON.parse(await readFile(join(a, 'model.json'), 'utf8'));
    expect(manifest.format).toBe('alea-weights');
    expect(manifest.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toEqual(['a/bias', 'b/kernel', 'c/steps']);
  });

  it('writes the same folder from plain arrays as from tensors, and reads arrays back', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    await saveTiny(a);
    await saveModelFolderArrays(b, {
      weights: {
        'c/steps': { shape: [3], values: Int32Array.from([7, 8, 9]) },
        'a/bias': { shape: [2], values: Float32Array.from([0.5, -0.25]) },
        'b/kernel': { shape: [2, 3], values: Float32Array.from([1, 2, 3, 4, 5, 6]) },
      },
      config,
      card,
    });
    for (const name of await readdir(a)) expect(await readFile(join(b, name))).toEqual(await readFile(join(a, name)));
    const loaded = await loadModelFolderArrays(b);
    expect(loaded.weights['c/steps']).toEqual({ shape: [3], values: Int32Array.from([7, 8, 9]) });
    expect(loaded.weights['b/kernel'].values).toEqual(Float32Array.from([1, 2, 3, 4, 5, 6]));
    await expect(saveModelFolderArrays(b, { weights: { w: { shape: [2, 2], values: new Float32Array(3) } }, config, card })).rejects.toThrow('weight w has 3 values for shape [2,2]');
  });

  it('splits large weights into several shards and joins them again', async () => {
    const dir = await tempDir();
    await saveTiny(dir, 16);
    expect((await readdir(dir)).filter((f) => f.endsWith('.bin')).sort()).toEqual(['group1-shard1of3.bin', 'group1-shard2of3.bin', 'group1-shard3of3.bin']);
    const loaded = await loadModelFolder(dir);
    expect(Array.from(loaded.weights['c/steps'].dataSync())).toEqual([7, 8, 9]);
    tf.dispose(Object.values(loaded.weights));
  });

  it("is readable by tfjs's own HTTP loader, and by loadModelFromUrl", async () => {
    const dir = await tempDir();
    await saveTiny(dir);
    const served = (async (input: RequestInfo | URL) => {
      const name = String(input).split('/').pop() ?? '';
      try {
        return new Response(await readFile(join(dir, name)));
      } catch {
        return new Response('not found', { status: 404 });
      }
    }) as typeof fetch;
    const handler = tf.io.http('http://models.local/tiny/model.json', { fetchFunc: served });
    if (!handler.load) throw new Error('tf.io.http gave no loader');
    const artifacts = await handler.load();
    const specs = artifacts.weightSpecs ?? [];
    expect(specs.map((s) => s.name)).toEqual(['a/bias', 'b/kernel', 'c/steps']);
    const viaTfjs = tf.io.decodeWeights(artifacts.weightData ?? new ArrayBuffer(0), specs);
    expect(Array.from(viaTfjs['a/bias'].dataSync())).toEqual([0.5, -0.25]);
    tf.dispose(Object.values(viaTfjs));
    const viaUrl = await loadModelFromUrl('http://models.local/tiny', served);
    expect(Array.from(viaUrl.weights['b/kernel'].dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    tf.dispose(Object.values(viaUrl.weights));
    await expect(loadModelFromUrl('http://models.local/none', async () => new Response('', { status: 404 }))).rejects.toThrow('the model folder has no card.json');
  });

  it('refuses a weights file that does not match its card, naming the file', async () => {
    const dir = await tempDir();
    await saveTiny(dir);
    const shard = await readFile(join(dir, 'group1-shard1of1.bin'));
    shard[0] ^= 1;
    await writeFile(join(dir, 'group1-shard1of1.bin'), shard);
    await expect(loadModelFolder(dir)).rejects.toMatchObject({
      kind: 'model',
      message: expect.stringMatching(/^weights file group1-shard1of1\.bin does not match its card \(sha256 [0-9a-f]{12}…, card says [0-9a-f]{12}…\)$/),
    });
  });

  it('names a missing shard, bad JSON, a bad card field and a size mismatch in one line', async () => {
    const dir = await tempDir();
    await saveTiny(dir);
    await rm(join(dir, 'group1-shard1of1.bin'));
    await expect(loadModelFolder(dir)).rejects.toThrow('the model folder has no group1-shard1of1.bin (listed in card.json)');

    await saveTiny(dir);
    await rewrite(dir, 'config.json', '{ "family": ');
    await expect(loadModelFolder(dir)).rejects.toThrow(/^config\.json is not valid JSON \(/);

    await saveTiny(dir);
    const manifest = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    manifest.weightsManifest[0].weights[1].shape = [3, 3];
    await rewrite(dir, 'model.json', JSON.stringify(manifest));
    await expect(loadModelFolder(dir)).rejects.toThrow('model.json lists weights of 56 bytes but its shards hold 44');

    await saveTiny(dir);
    const cardJson = JSON.parse(await readFile(join(dir, 'card.json'), 'utf8'));
    cardJson.steps = 'many';
    await writeFile(join(dir, 'card.json'), JSON.stringify(cardJson));
    await expect(loadModelFolder(dir)).rejects.toThrow(/^card\.json: field steps: /);
    await expect(loadModelFolder(join(dir, 'nowhere'))).rejects.toThrow('the model folder has no card.json');
  });
});
