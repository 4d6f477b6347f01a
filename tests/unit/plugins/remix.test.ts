import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudioData } from '../../../src/core/audio/audio-data.ts';
import { resampleChannel } from '../../../src/core/audio/resample.ts';
import type { ModelRef } from '../../../src/core/provenance.ts';
import { FolderModelResolver } from '../../../src/cli/model-resolver.ts';
import { DEFAULT_GAN_CONFIG, type GanConfig } from '../../../src/ml/gan/config.ts';
import { createGanVariables } from '../../../src/ml/gan/model.ts';
import { saveModelFolder } from '../../../src/ml/runtime/model-io-node.ts';
import { processAudio } from '../../../src/plugins/audio-stream.ts';
import { createBuiltinRegistry } from '../../../src/plugins/builtin/builtin-registry.ts';
import { remixPlugin } from '../../../src/plugins/builtin/remix/plugin.ts';
import { StreamResampler } from '../../../src/plugins/builtin/remix/stream-resampler.ts';
import type { ParamValues } from '../../../src/plugins/types.ts';
import { expectNoTensorLeaks, useWasmBackend } from '../../helpers/tensor-leaks.ts';

useWasmBackend();

const config: GanConfig = {
  ...DEFAULT_GAN_CONFIG,
  nMels: 32,
  nFft: 512,
  hop: 128,
  styles: DEFAULT_GAN_CONFIG.styles.slice(0, 3),
  generator: { channels: 8, dilations: [1, 2], edgeKernel: 3 },
  discriminator: { channels: 8, dilations: [2], edgeKernel: 3 },
};

const dir = mkdtempSync(join(tmpdir(), 'alea-remix-'));
const modelDir = join(dir, 'tiny-gan');

/** A tiny random style GAN on disk whose generator really changes the sound (output layer scaled up). */
beforeAll(async () => {
  const vars = createGanVariables(config, 3);
  const weights: Record<string, tf.Tensor> = {};
  for (const [name, v] of Object.entries(vars)) {
    if (name.startsWith('generator.')) weights[name] = name === 'generator.out.w' ? tf.mul(v, 30) : tf.clone(v);
  }
  tf.dispose(Object.values(vars));
  await saveModelFolder(modelDir, {
    weights,
    config,
    card: { name: 'tiny-gan', family: 'gan', description: 'test', trainedOn: 'nothing', steps: 0, trainingTimeSeconds: 0, metrics: {}, createdWith: 'test' },
  });
  tf.dispose(Object.values(weights));
});

/** Stereo notes at 44.1 kHz: decaying harmonic tones, the channels slightly different. */
function track(seconds: number, sampleRate = 44100): AudioData {
  const length = Math.round(seconds * sampleRate);
  const channels = [new Float32Array(length), new Float32Array(length)];
  const pitches = [60, 64, 67, 72];
  for (let n = 0; n < length; n++) {
    const f = 440 * 2 ** ((pitches[Math.floor(n / (0.25 * sampleRate)) % 4] - 69) / 12);
    const t = (n % (0.25 * sampleRate)) / sampleRate;
    let v = 0;
    for (let h = 1; h <= 4; h++) v += Math.sin(2 * Math.PI * f * h * t) / h;
    channels[0][n] = 0.2 * v * Math.exp(-6 * t);
    channels[1][n] = 0.15 * v * Math.exp(-6 * t);
  }
  return { sampleRate, channels };
}

const params = (overrides: ParamValues = {}): ParamValues => ({ model: modelDir, style: 'strings', strength: 1, from: 0, to: 0, refine: 0, ...overrides });

describe('Remix (audio-effect plugin)', () => {
  const models = new FolderModelResolver();
  afterAll(() => models.dispose());
  const input = track(2.5);

  it('is a registered audio effect whose model param takes style GANs', () => {
    const plugin = createBuiltinRegistry().get('remix');
    expect(plugin?.descriptor.kind).toBe('audio-effect');
    expect(remixPlugin.descriptor.params.find((p) => p.id === 'model')).toMatchObject({ kind: 'model', family: 'gan', default: 'style-gan' });
  });

  it('returns the same length and channels, changed, names its model, and is the same in any piece size', async () => {
    let model: ModelRef | undefined;
    const whole = await processAudio(remixPlugin, input, params(), { models, frames: 1 << 20, onModel: (m) => (model = m) });
    expect(whole.channels).toHaveLength(2);
    expect(whole.channels[0]).toHaveLength(input.channels[0].length);
    expect(whole.channels[0].every(Number.isFinite)).toBe(true);
    let change = 0;
    for (let i = 0; i < whole.channels[0].length; i++) change += Math.abs(whole.channels[0][i] - input.channels[0][i]);
    expect(change / whole.channels[0].length).toBeGreaterThan(1e-3);
    expect(model).toEqual({ name: 'tiny-gan', sha256: expect.stringMatching(/^[0-9a-f]+$/) });
    const pieces = await processAudio(remixPlugin, input, params(), { models, frames: 3001 });
    expect(pieces.channels[1]).toEqual(whole.channels[1]);
  }, 60_000);

  it('keeps the original where it does not apply: strength 0, and outside the from..to range', async () => {
    const dry = await processAudio(remixPlugin, input, params({ strength: 0 }), { models });
    for (let i = 0; i < dry.channels[0].length; i += 97) expect(dry.channels[0][i]).toBeCloseTo(input.channels[0][i], 6);
    const ranged = await processAudio(remixPlugin, input, params({ from: 1, to: 2 }), { models, frames: 5000 });
    const sr = input.sampleRate;
    expect(ranged.channels[0]).toHaveLength(input.channels[0].length);
    expect(ranged.channels[0].subarray(0, sr)).toEqual(input.channels[0].subarray(0, sr));
    expect(ranged.channels[1].subarray(2 * sr)).toEqual(input.channels[1].subarray(2 * sr));
    let change = 0;
    for (let i = Math.round(1.1 * sr); i < 1.9 * sr; i++) change += Math.abs(ranged.channels[0][i] - input.channels[0][i]);
    expect(change).toBeGreaterThan(1);
  }, 60_000);

  it('handles clips shorter than a window, an empty clip and a range past the end', async () => {
    for (const length of [0, 1, 300]) {
      const clip: AudioData = { sampleRate: 48000, channels: [new Float32Array(length).fill(0.1)] };
      const out = await processAudio(remixPlugin, clip, params(), { models });
      expect(out.channels[0]).toHaveLength(length);
      expect(out.channels[0].every(Number.isFinite)).toBe(true);
    }
    const late = await processAudio(remixPlugin, input, params({ from: 10, to: 20 }), { models });
    expect(late.channels[0]).toEqual(input.channels[0]);
  }, 60_000);

  it('leaves no tensors behind once its host frees the model', async () => {
    await expectNoTensorLeaks(async () => {
      const host = new FolderModelResolver();
      await processAudio(remixPlugin, track(0.5), params({ style: 'brass' }), { models: host });
      await host.dispose();
    });
  }, 60_000);

  it('lists the model its styles, and refuses one it lacks, a backwards range and a cancelled run', async () => {
    expect(await remixPlugin.listChoices?.('style', params(), models)).toEqual(['piano', 'strings', 'brass']);
    await expect(processAudio(remixPlugin, input, params({ style: 'guitar' }), { models })).rejects.toThrow("unknown style 'guitar' (this model plays piano, strings, brass)");
    await expect(processAudio(remixPlugin, input, params({ from: 2, to: 1 }), { models })).rejects.toThrow('ends (1 s) before it starts (2 s)');
    const stop = new AbortController();
    stop.abort();
    await expect(processAudio(remixPlugin, input, params(), { models, signal: stop.signal })).rejects.toThrow();
  }, 60_000);
});

describe('StreamResampler', () => {
  it('fed in pieces gives exactly the whole-signal resample, both ways', () => {
    const signal = track(3, 22050).channels[0];
    for (const [from, to] of [
      [22050, 16000],
      [16000, 44100],
    ]) {
      const x = from === 22050 ? signal : resampleChannel(signal, 22050, 16000);
      const whole = resampleChannel(x, from, to);
      const stream = new StreamResampler(from, to);
      const parts: number[] = [];
      for (let at = 0; at < x.length; at += 4999) parts.push(...stream.push(x.subarray(at, at + 4999)));
      parts.push(...stream.flush());
      expect(parts.length).toBe(whole.length);
      let worst = 0;
      for (let i = 0; i < whole.length; i++) worst = Math.max(worst, Math.abs(parts[i] - whole[i]));
      expect(worst).toBeLessThan(1e-6);
    }
  });
});
