import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend-node.ts';
import { allowedPitchClasses, RemiGrammar } from '../../../src/ml/transformer/decode/constraints.ts';
import { continuationStartTick, continueSong } from '../../../src/ml/transformer/decode/continue-song.ts';
import { generateTokens } from '../../../src/ml/transformer/decode/generate.ts';
import { KvCache, fullLogits } from '../../../src/ml/transformer/decode/kv-cache.ts';
import { TransformerModel } from '../../../src/ml/transformer/model/model.ts';
import { RemiTokenizer } from '../../../src/ml/transformer/tokenizers/remi-tokenizer.ts';
import { pitchOfId } from '../../../src/ml/transformer/tokenizers/tokenizer.ts';
import { scaleSeed, tinyConfig } from './helpers.ts';

const tokenizer = new RemiTokenizer();
let model: TransformerModel;

beforeAll(async () => {
  await initBackend({ prefer: 'wasm' }); // installs the runtime's wasm kernels, as the CLI and app do
  model = TransformerModel.create(tinyConfig(), 11);
});
afterAll(() => model.dispose());

describe('KV-cached generation', () => {
  for (const positional of ['alibi', 'rope'] as const) {
    for (const engine of ['simd', 'tfjs'] as const) {
      it(`gives the same logits as re-running the whole sequence, at every step (${positional}, ${engine})`, () => {
        const m = positional === 'alibi' ? model : TransformerModel.create(tinyConfig({ positional }), 12);
        const prompt = tokenizer.encode(scaleSeed(1), 'melody').slice(0, 12);
        const feed = tokenizer.encode(scaleSeed(3), 'melody').slice(5, 45);
        const { cache, logits } = KvCache.prefill(m, prompt, 2, { engine });
        expect(cache.engine).toBe(engine);
        let cached = logits;
        const sequence = [...prompt];
        for (const id of feed) {
          const full = fullLogits(m, [sequence, sequence]);
          let worst = 0;
          full.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - cached[i]))));
          expect(worst).toBeLessThan(1e-4);
          sequence.push(id);
          cached = cache.step(m, [id, id]);
        }
        cache.dispose();
        if (m !== model) m.dispose();
      });
    }

    it(`reads sequences 4× longer than its training window (${positional})`, () => {
      const m = TransformerModel.create(tinyConfig({ positional, contextLength: 128 }), 13);
      const ids = Array.from({ length: 512 }, (_, i) => tokenizer.encode(scaleSeed(40), 'melody')[i % 300]);
      const logits = tf.tidy(() => m.logits(tf.tensor2d(ids, [1, 512], 'int32')).arraySync()[0]);
      const late = logits[511];
      expect(late.every(Number.isFinite)).toBe(true);
      const spread = Math.max(...late) - Math.min(...late);
      expect(spread).toBeGreaterThan(1e-3);
      expect(spread).toBeLessThan(50);
      m.dispose();
    });
  }

  it('keeps every sampled pitch in the asked key, even from an untrained model', () => {
    const key = { tonic: 2, mode: 'major' as const };
    const scale = allowedPitchClasses(key);
    const prompt = [...tokenizer.encode(scaleSeed(1), 'melody').slice(0, -1), tokenizer.vocab.id('Bar')];
    const [ids] = generateTokens(model, prompt, {
      temperature: 1.5, seed: 3, variations: 1, maxNewTokens: 300,
      grammar: () => new RemiGrammar(tokenizer, { bars: 64, key }, 16),
    });
    const pitches = ids.map((id) => pitchOfId(tokenizer, id)).filter((p): p is number => p !== undefined);
    expect(ids.length).toBeGreaterThanOrEqual(200);
    expect(pitches.length).toBeGreaterThan(20);
    for (const p of pitches) expect(scale.has(p % 12)).toBe(true);
  });

  it('writes exactly the asked number of bars, in the seed ppq, tempo and track name', () => {
    const seed = scaleSeed(2, 96);
    const [song] = continueSong(model, seed, { bars: 3, seed: 5, temperature: 1.2 });
    expect(continuationStartTick(seed)).toBe(2 * 4 * 96);
    expect(song.ppq).toBe(96);
    expect(song.tempos).toEqual([{ tick: 0, bpm: 96 }]);
    for (const t of song.tracks) {
      expect(t.name).toBe('Lead');
      for (const n of t.notes) {
        expect(n.startTick).toBeLessThan(3 * 4 * 96);
        expect(n.endTick).toBeLessThanOrEqual(3 * 4 * 96);
        expect(n.endTick).toBeGreaterThan(n.startTick);
      }
    }
    const prompt = [...tokenizer.encode(seed, 'melody').slice(0, -1), tokenizer.vocab.id('Bar')];
    const [ids] = generateTokens(model, prompt, {
      temperature: 1.5, seed: 9, variations: 1, maxNewTokens: 4 * 100,
      grammar: () => new RemiGrammar(tokenizer, { bars: 4 }, 16),
    });
    expect(ids.filter((id) => id === tokenizer.vocab.id('Bar'))).toHaveLength(3); // plus the Bar the prompt ends with
  });

  it('repeats itself for the same seed, varies with another, and leaks no tensors', () => {
    const seed = scaleSeed(1);
    const before = tf.memory().numTensors;
    const a = continueSong(model, seed, { bars: 2, seed: 1, variations: 2, topK: 20, topP: 0.95 });
    const b = continueSong(model, seed, { bars: 2, seed: 1, variations: 2, topK: 20, topP: 0.95 });
    const c = continueSong(model, seed, { bars: 2, seed: 2, variations: 2, topK: 20, topP: 0.95 });
    expect(tf.memory().numTensors).toBe(before);
    expect(a).toEqual(b);
    expect(a).toHaveLength(2);
    expect(JSON.stringify(a[0])).not.toEqual(JSON.stringify(a[1]));
    expect(JSON.stringify(a)).not.toEqual(JSON.stringify(c));
  });

  it('passes temperature, top-k and top-p through: greedy settings write the same notes in every variation', () => {
    const seed = scaleSeed(1);
    const run = (options: { temperature?: number; topK?: number; topP?: number }) =>
      continueSong(model, seed, { bars: 2, seed: 1, variations: 3, ...options }).map((s) => JSON.stringify(s.tracks));
    const distinct = (songs: string[]): number => new Set(songs).size;
    const greedy = run({ temperature: 0 });
    expect(distinct(greedy)).toBe(1);
    // an untrained model is nearly uniform: sampled variations differ
    expect(distinct(run({ temperature: 1 }))).toBe(3);
    // keeping only the likeliest token is greedy too, at any temperature
    expect(run({ temperature: 1.5, topK: 1 })).toEqual(greedy);
    expect(run({ temperature: 1.5, topP: 0.001 })).toEqual(greedy);
    // a very low temperature is nearly greedy; the default temperature is 1, not 0
    expect(run({ temperature: 0.001 })).toEqual(greedy);
    expect(distinct(run({}))).toBe(3);
  });

  it('samples the same tokens with and without the cache', () => {
    const prompt = [...tokenizer.encode(scaleSeed(1), 'melody').slice(0, -1), tokenizer.vocab.id('Bar')];
    const run = (useCache: boolean) => generateTokens(model, prompt, {
      temperature: 1, seed: 4, variations: 2, maxNewTokens: 30, useCache,
      grammar: () => new RemiGrammar(tokenizer, { bars: 2 }, 16),
    });
    expect(run(true)).toEqual(run(false));
  });
});
