// Fine-tuning on your own MIDI (the ML worker's job, run here on wasm): two small files lower their
// own loss, the model is saved as a checked model folder that loads back with the same weights,
// bad files are refused by name, a cancel saves nothing, and no tensors are left behind.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeMidi } from '../../../src/core/music/midi-write.ts';
import { decodeModelFolder, decodeModelFolderArrays, encodeModelFolder, type LoadedModel } from '../../../src/ml/runtime/model-io.ts';
import { TransformerModel } from '../../../src/ml/transformer/model/model.ts';
import { makeTokenizer } from '../../../src/ml/transformer/tokenizers/make-tokenizer.ts';
import { fineTuneTransformer, meanNll, tokenizeMidiFiles } from '../../../src/ml/transformer/train/fine-tune.ts';
import { errorToLine } from '../../../src/app/lib/error-line.ts';
import { MemoryUserModelStore } from '../../../src/app/lib/user-models.ts';
import { runFineTuneJob } from '../../../src/app/worker/fine-tune-job.ts';
import { runPluginJob } from '../../../src/app/worker/plugin-jobs.ts';
import { UrlModelResolver } from '../../../src/app/worker/url-model-resolver.ts';
import type { TrainingPoint } from '../../../src/app/worker/protocol.ts';
import { createBuiltinRegistry } from '../../../src/plugins/builtin/builtin-registry.ts';
import { useWasmBackend } from '../../helpers/tensor-leaks.ts';
import { scaleSeed, tinyConfig } from '../transformer/helpers.ts';

useWasmBackend();

const FIXTURES = join(import.meta.dirname, '../../fixtures');
const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(FIXTURES, 'good/midi', name))) });
const FILES = [fixture('tune-a.mid'), fixture('tune-b.mid')];
const CONFIG = tinyConfig({ dropout: 0 });
const registry = createBuiltinRegistry();

/** A base model folder (a fresh tiny model) served the way the worker's resolver serves one. */
async function baseFolder(): Promise<{ load: (ref: string) => Promise<LoadedModel>; hash: string }> {
  const model = TransformerModel.create(CONFIG, 7);
  const { files, weightsHash } = await encodeModelFolder({
    weights: model.weights(),
    config: CONFIG,
    card: { name: 'tiny-base', family: 'transformer', description: 'test', trainedOn: 'nothing', steps: 10, trainingTimeSeconds: 0, metrics: {}, createdWith: 'test' },
  });
  model.dispose();
  return { load: async () => decodeModelFolder(async (name) => files.get(name) ?? null), hash: weightsHash };
}

function nllOf(loaded: LoadedModel): number {
  const model = TransformerModel.fromWeights(CONFIG, loaded.weights);
  tf.dispose(Object.values(loaded.weights));
  try {
    return meanNll(model, makeTokenizer(CONFIG.tokenizer), tokenizeMidiFiles(FILES, CONFIG));
  } finally {
    model.dispose();
  }
}

const REQUEST = { base: 'tiny-base', saveAs: 'my-tunes', files: FILES, steps: 25, batchSize: 4, holdOut: false, learningRate: 3e-3, seed: 5 };

describe('fine-tune job', () => {
  it('lowers the loss on the files, saves a model that reloads with the same weights, and leaves no tensors', async () => {
    const before = tf.memory().numTensors;
    const base = await baseFolder();
    const store = new MemoryUserModelStore();
    const points: TrainingPoint[] = [];
    const result = await runFineTuneJob(REQUEST, { loadModel: base.load, store, registry, onProgress: (p) => points.push(p), now: () => new Date('2026-12-01T06:00:00Z') });

    expect(points.map((p) => p.step)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(points.every((p) => Number.isFinite(p.loss) && p.backend === 'wasm')).toBe(true);
    expect(result.backend).toBe('wasm');
    expect(result.model.name).toBe('user:my-tunes');
    expect(result.model.plugins).toContain('continue');
    expect((await store.list()).map((m) => m.entry.name)).toEqual(['user:my-tunes']);

    const saved = await decodeModelFolderArrays(await store.reader('user:my-tunes'));
    expect(saved.weightsHash).toBe(result.model.weightsHash);
    expect(saved.card.name).toBe('my-tunes');
    expect(saved.card.recipe).toMatchObject({ baseModel: 'tiny-base', baseWeightsHash: base.hash, files: 'tune-a.mid, tune-b.mid', fineTuneSteps: 25, date: '2026-12-01T06:00:00.000Z' });
    expect(saved.card.steps).toBe(35);

    // the same base, files and seed give the same weights: those saved
    const again = await base.load('tiny-base');
    const direct = await fineTuneTransformer(CONFIG, again.weights, tokenizeMidiFiles(FILES, CONFIG), { steps: 25, batchSize: 4, learningRate: 3e-3, seed: 5 });
    tf.dispose(Object.values(again.weights));
    for (const [name, w] of Object.entries(direct.weights)) expect(Array.from(saved.weights[name].values), name).toEqual(Array.from(w.values));

    const baseNll = nllOf(await base.load('tiny-base'));
    const tunedNll = nllOf(await decodeModelFolder(await store.reader('user:my-tunes')));
    expect(tunedNll).toBeLessThan(baseNll - 0.3);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it("a saved model runs in Continue through the worker's resolver: the same seed writes the same notes, and provenance names it", async () => {
    const base = await baseFolder();
    const store = new MemoryUserModelStore();
    const saved = await runFineTuneJob({ ...REQUEST, steps: 3 }, { loadModel: base.load, store, registry });
    const noFetch: typeof fetch = async () => {
      throw new Error('a user model is not fetched');
    };
    const models = new UrlModelResolver('http://alea.test/', noFetch, async () => store);
    const job = { kind: 'midi-generator' as const, song: scaleSeed(2), params: { model: 'user:my-tunes', bars: 2, seed: 3, variations: 1 } };
    const first = await runPluginJob(registry, 'continue', job, { models });
    const second = await runPluginJob(registry, 'continue', job, { models });
    await models.release();
    if (first.kind !== 'midi-generator' || second.kind !== 'midi-generator') throw new Error('not a generator result');
    expect(first.variations[0].song).toEqual(second.variations[0].song);
    expect(first.variations[0].provenance.model).toEqual({ name: 'my-tunes', sha256: saved.model.weightsHash });
  }, 60_000);

  it('holds out the last file and reports the loss on it', async () => {
    const base = await baseFolder();
    const points: TrainingPoint[] = [];
    const result = await runFineTuneJob({ ...REQUEST, steps: 4, holdOut: true }, { loadModel: base.load, store: new MemoryUserModelStore(), registry, onProgress: (p) => points.push(p) });
    expect(points.filter((p) => p.valLoss !== undefined).length).toBe(4);
    expect(result.valLoss).toBe(points[3].valLoss);
    expect(Number.isFinite(result.valLoss)).toBe(true);
  }, 60_000);

  it('refuses a file that is not MIDI, or has no notes the model reads, naming the file, and saves nothing', async () => {
    const before = tf.memory().numTensors;
    const base = await baseFolder();
    const store = new MemoryUserModelStore();
    const notMidi = { name: 'notes.mid', bytes: new TextEncoder().encode('these are not MIDI bytes at all') };
    const refused = await runFineTuneJob({ ...REQUEST, files: [FILES[0], notMidi] }, { loadModel: base.load, store, registry }).catch((e: unknown) => e);
    expect(errorToLine(refused)).toMatch(/^notes\.mid: /);
    const song = scaleSeed(2);
    const drums = writeMidi({ ...song, tracks: [{ ...song.tracks[0], name: 'Drums', isDrum: true, channel: 9, notes: [] }] });
    const error = await runFineTuneJob({ ...REQUEST, files: [{ name: 'silent.mid', bytes: drums }] }, { loadModel: base.load, store, registry }).catch((e: unknown) => e);
    expect(errorToLine(error)).toMatch(/^silent\.mid: /);
    expect(await store.list()).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('a cancel that arrives as a message (a macrotask) stops training mid-run, saves nothing and leaves no tensors', async () => {
    const before = tf.memory().numTensors;
    const base = await baseFolder();
    const store = new MemoryUserModelStore();
    const controller = new AbortController();
    let seen = 0;
    const run = runFineTuneJob({ ...REQUEST, steps: 200 }, {
      loadModel: base.load, store, registry, signal: controller.signal,
      onProgress: (p) => {
        seen = p.step;
        // as the worker's message handler would: only once training yields to the event loop
        if (p.step === 1) setTimeout(() => controller.abort(), 0);
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBeLessThan(5);
    expect(await store.list()).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('refuses a bad name or step count before loading anything', async () => {
    const store = new MemoryUserModelStore();
    const loadModel = async (): Promise<LoadedModel> => {
      throw new Error('should not load');
    };
    await expect(runFineTuneJob({ ...REQUEST, saveAs: 'my tunes/../x' }, { loadModel, store, registry })).rejects.toThrow(/model name/);
    await expect(runFineTuneJob({ ...REQUEST, steps: 0 }, { loadModel, store, registry })).rejects.toThrow(/steps must be/);
  });
});
