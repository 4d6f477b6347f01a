import * as tf from '@tensorflow/tfjs';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AleaError } from '../../../src/core/errors.ts';
import { loadModelFolder, loadModelFolderArrays, saveModelFolder } from '../../../src/ml/runtime/model-io-node.ts';
import { sha256Hex } from '../../../src/ml/runtime/model-io.ts';
import { quantizeModelFolder, repointDependents } from '../../../src/ml/runtime/quantize-node.ts';
import { loadTransformer } from '../../../src/ml/transformer/model/model-loader-node.ts';
import { TransformerModel } from '../../../src/ml/transformer/model/model.ts';
import { useWasmBackend } from '../../helpers/tensor-leaks.ts';
import { runCli } from '../cli/run-cli.ts';
import { tinyConfig } from '../transformer/helpers.ts';

useWasmBackend();

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'alea-quantize-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const card = { name: 'tiny', family: 'transformer', description: 'a test model', trainedOn: 'nothing', steps: 1, trainingTimeSeconds: 0, metrics: { valNll: 2 }, createdWith: 'alea test' };

/** A tiny Continue model saved as float32 in many small shards, and a quantized copy of it. */
async function tinyPair(): Promise<{ f32: string; f16: string }> {
  const root = await tempDir();
  const [f32, f16] = [join(root, 'f32'), join(root, 'f16')];
  const model = TransformerModel.create(tinyConfig({ dropout: 0 }), 7);
  const weights = model.weights();
  await saveModelFolder(f32, { weights, config: model.config, card }, 16 * 1024);
  tf.dispose(Object.values(weights));
  model.dispose();
  await cp(f32, f16, { recursive: true });
  return { f32, f16 };
}

describe('alea models quantize', () => {
  it('halves the shards, rewrites the manifest in tfjs float16 format and updates the card', async () => {
    const { f32, f16 } = await tinyPair();
    const shardsBefore = (await readdir(f32)).filter((n) => n.endsWith('.bin'));
    expect(shardsBefore.length).toBeGreaterThan(2);
    const result = await quantizeModelFolder(f16, 'float16');
    expect(result).toMatchObject({ changed: true, clamped: 0 });
    expect(result.bytesAfter * 2).toBe(result.bytesBefore);
    // the old shards are gone; one shard holds everything now
    expect((await readdir(f16)).sort()).toEqual(['card.json', 'config.json', 'group1-shard1of1.bin', 'model.json']);
    const manifest = JSON.parse(await readFile(join(f16, 'model.json'), 'utf8'));
    for (const w of manifest.weightsManifest[0].weights) expect(w).toMatchObject({ dtype: 'float32', quantization: { dtype: 'float16', original_dtype: 'float32' } });
    const savedCard = JSON.parse(await readFile(join(f16, 'card.json'), 'utf8'));
    expect(savedCard).toMatchObject({ ...card, weightsDtype: 'float16', weightBytes: { float32: result.bytesBefore, stored: result.bytesAfter } });
    for (const [name, hash] of Object.entries(savedCard.files)) expect(await sha256Hex(await readFile(join(f16, name)))).toBe(hash);
    expect(await readFile(join(f16, 'config.json'))).toEqual(await readFile(join(f32, 'config.json')));
    // tfjs's own decoder reads the rewritten shard to the values our loader gives
    const shard = await readFile(join(f16, 'group1-shard1of1.bin'));
    const viaTfjs = tf.io.decodeWeights(new Uint8Array(shard).buffer, manifest.weightsManifest[0].weights);
    const ours = await loadModelFolderArrays(f16);
    for (const [name, t] of Object.entries(viaTfjs)) expect(Array.from(t.dataSync()), name).toEqual(Array.from(ours.weights[name].values));
    tf.dispose(Object.values(viaTfjs));
    // a second run changes nothing
    expect(await quantizeModelFolder(f16, 'float16')).toMatchObject({ changed: false, quantized: 0 });
  });

  it('loads through the same loader and gives the logits and next tokens of the float32 model, leaving no tensors', async () => {
    const { f32, f16 } = await tinyPair();
    await quantizeModelFolder(f16, 'float16');
    const before = tf.memory().numTensors;
    const a = await loadTransformer(f32);
    const b = await loadTransformer(f16);
    expect(b.weightsHash).not.toBe(a.weightsHash);
    const ids = tf.tensor2d([[1, 3, 30, 50, 60, 31, 52, 61, 33, 54]], [1, 10], 'int32');
    const [la, lb] = [a.model.logits(ids), b.model.logits(ids)];
    const [va, vb] = [la.dataSync(), lb.dataSync()];
    const vocab = a.model.config.vocabSize;
    let worst = 0;
    for (let i = 0; i < va.length; i++) worst = Math.max(worst, Math.abs(va[i] - vb[i]));
    const spread = Math.max(...va) - Math.min(...va);
    expect(worst).toBeGreaterThan(0); // the weights did change
    expect(worst).toBeLessThan(2e-3 * Math.max(1, spread));
    // next token at each position: the same wherever float32's top two differ by more than the error
    for (let pos = 0; pos < 10; pos++) {
      const row = (v: Float32Array | Int32Array | Uint8Array) => Array.from(v.slice(pos * vocab, (pos + 1) * vocab));
      const [ra, rb] = [row(va), row(vb)];
      const sorted = [...ra].sort((x, y) => y - x);
      if (sorted[0] - sorted[1] > 2 * worst) expect(rb.indexOf(Math.max(...rb)), `position ${pos}`).toBe(ra.indexOf(sorted[0]));
    }
    tf.dispose([ids, la, lb]);
    a.model.dispose();
    b.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps int32 weights as they are', async () => {
    const dir = join(await tempDir(), 'mixed');
    const weights = { steps: tf.tensor1d([7, -8, 70000], 'int32'), w: tf.tensor1d([0.1, 1e5, -2]) };
    await saveModelFolder(dir, { weights, config: { family: 'test' }, card: { ...card, family: 'test' } });
    tf.dispose(Object.values(weights));
    expect(await quantizeModelFolder(dir, 'float16')).toMatchObject({ quantized: 1, clamped: 1 });
    const manifest = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(manifest.weightsManifest[0].weights.find((w: { name: string }) => w.name === 'steps')).toEqual({ name: 'steps', shape: [3], dtype: 'int32' });
    const loaded = await loadModelFolder(dir);
    expect(Array.from(loaded.weights.steps.dataSync())).toEqual([7, -8, 70000]);
    expect(loaded.weights.steps.dtype).toBe('int32');
    expect(Array.from(loaded.weights.w.dataSync())).toEqual([Math.fround(0.0999755859375), 65504, -2]);
    tf.dispose(Object.values(loaded.weights));
  });

  it('a model that names the quantized one by weight hash (a flow prior and its VAE) follows it to the new hash', async () => {
    const root = await tempDir();
    const save = async (name: string, config: Record<string, unknown>): Promise<void> => {
      const weights = { w: tf.tensor1d([0.5, 0.25, -1.125]) };
      await saveModelFolder(join(root, name), { weights, config, card: { ...card, name, family: 'test' } });
      tf.dispose(Object.values(weights));
    };
    await save('vae', { family: 'test' });
    const before = await loadModelFolderArrays(join(root, 'vae'));
    await save('flow', { family: 'test', vae: { name: 'vae', weightsHash: before.weightsHash } });
    await save('other', { family: 'test', vae: { name: 'vae', weightsHash: 'somethingelse' } });
    const otherConfig = await readFile(join(root, 'other', 'config.json'));
    const result = await quantizeModelFolder(join(root, 'vae'), 'float16');
    expect(result.weightsHashBefore).toBe(before.weightsHash);
    expect(await repointDependents(root, 'vae', result.weightsHashBefore, result.weightsHashAfter)).toEqual([join(root, 'flow')]);
    const [vae, flow] = [await loadModelFolderArrays(join(root, 'vae')), await loadModelFolderArrays(join(root, 'flow'))]; // both pass their sha256 checks
    expect(vae.weightsHash).toBe(result.weightsHashAfter);
    expect(flow.config).toEqual({ family: 'test', vae: { name: 'vae', weightsHash: vae.weightsHash } });
    expect(await readFile(join(root, 'other', 'config.json'))).toEqual(otherConfig);
  });

  it('refuses a folder that is not a model, and a model whose files do not match its card, changing nothing', async () => {
    const plain = await tempDir();
    await writeFile(join(plain, 'notes.txt'), 'hello');
    await expect(quantizeModelFolder(plain, 'float16')).rejects.toThrow(AleaError);
    await expect(quantizeModelFolder(plain, 'float16')).rejects.toThrow(/is not a model folder/);
    const { f16 } = await tinyPair();
    const [firstShard] = JSON.parse(await readFile(join(f16, 'model.json'), 'utf8')).weightsManifest[0].paths;
    await writeFile(join(f16, firstShard), new Uint8Array(16 * 1024));
    const files = await readdir(f16);
    await expect(quantizeModelFolder(f16, 'float16')).rejects.toThrow(/does not match its card/);
    expect(await readdir(f16)).toEqual(files);
  });

  it('the command refuses a non-model folder with exit 1 and one line', async () => {
    const plain = await tempDir();
    const result = runCli(['models', 'quantize', plain]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`${plain}: is not a model folder`);
  });
});
