import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readWav } from '../../../src/core/audio/wav-read.ts';
import { DEFAULT_GAN_CONFIG, type GanConfig } from '../../../src/ml/gan/config.ts';
import { createGanVariables } from '../../../src/ml/gan/model.ts';
import { saveModelFolder } from '../../../src/ml/runtime/model-io-node.ts';
import { DEFAULT_SOUNDFONTS } from '../../../src/cli/plugin-commands/audio-input.ts';
import { runCli } from './run-cli.ts';

const config: GanConfig = {
  ...DEFAULT_GAN_CONFIG,
  nMels: 32,
  nFft: 512,
  hop: 128,
  styles: DEFAULT_GAN_CONFIG.styles.slice(0, 3),
  generator: { channels: 8, dilations: [1, 2], edgeKernel: 3 },
  discriminator: { channels: 8, dilations: [2], edgeKernel: 3 },
};

const dir = mkdtempSync(join(tmpdir(), 'alea-remix-cli-'));
const model = join(dir, 'tiny-gan');
const SHIPPED = 'models/style-gan';

beforeAll(async () => {
  const vars = createGanVariables(config, 5);
  const weights: Record<string, tf.Tensor> = {};
  for (const [name, v] of Object.entries(vars)) if (name.startsWith('generator.')) weights[name] = tf.clone(v);
  tf.dispose(Object.values(vars));
  await saveModelFolder(model, {
    weights,
    config,
    card: { name: 'tiny-gan', family: 'gan', description: 'test', trainedOn: 'nothing', steps: 0, trainingTimeSeconds: 0, metrics: {}, createdWith: 'test' },
  });
  tf.dispose(Object.values(weights));
});

describe('alea remix', () => {
  it('lists the styles of the model it is given', () => {
    const result = runCli(['remix', '--list-styles', '--model', model]);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual(['piano', 'strings', 'brass']);
  });

  it('writes a WAV of the input length and channels that names model, weights, style and strength', () => {
    const out = join(dir, 'pad-strings.wav');
    const result = runCli(['remix', 'samples/pad-a3.wav', '--style', 'strings', '--strength', '0.8', '--from', '0.5', '-o', out, '--model', model]);
    expect(result.stderr).not.toContain('alea:');
    expect(result.status).toBe(0);
    const input = readWav(new Uint8Array(readFileSync('samples/pad-a3.wav')));
    const { audio, provenance } = readWav(new Uint8Array(readFileSync(out)));
    expect(audio.sampleRate).toBe(input.audio.sampleRate);
    expect(audio.channels.map((c) => c.length)).toEqual(input.audio.channels.map((c) => c.length));
    expect(provenance?.generator).toMatch(/^Alea .* remix$/);
    expect(provenance?.model).toEqual({ name: 'tiny-gan', sha256: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(provenance?.params).toMatchObject({ style: 'strings', strength: 0.8, from: 0.5 });
  });

  it.skipIf(!DEFAULT_SOUNDFONTS.some((p) => existsSync(p)))('renders a MIDI input as piano first, then remixes it', () => {
    const out = join(dir, 'minuet.wav');
    const result = runCli(['remix', 'samples/minuet-in-g.mid', '--style', 'brass', '-o', out, '--model', model, '--to', '3']);
    expect(result.stderr).not.toContain('alea:');
    expect(result.status).toBe(0);
    const { audio, provenance } = readWav(new Uint8Array(readFileSync(out)));
    expect(audio.channels).toHaveLength(2);
    expect(audio.channels[0].length / audio.sampleRate).toBeGreaterThan(10);
    expect(provenance?.source).toBe('minuet-in-g.mid');
  });

  it('bad input exits 1, bad usage 2, each with one line; the input is never overwritten', () => {
    const notWav = runCli(['remix', 'samples/README.md', '--style', 'brass', '-o', join(dir, 'x.wav'), '--model', model]);
    expect(notWav.status).toBe(1);
    expect(notWav.stderr.trim().split('\n').at(-1)).toBe('alea: samples/README.md: not a WAV file (no RIFF header)');
    const noOutput = runCli(['remix', 'samples/pad-a3.wav', '--style', 'brass', '--model', model]);
    expect(noOutput.status).toBe(2);
    expect(noOutput.stderr).toContain('needs -o/--output');
    const same = runCli(['remix', 'samples/pad-a3.wav', '--style', 'brass', '-o', 'samples/pad-a3.wav', '--model', model]);
    expect(same.status).toBe(2);
    const missingStyle = runCli(['remix', 'samples/pad-a3.wav', '--style', 'synth', '-o', join(dir, 'y.wav'), '--model', model]);
    expect(missingStyle.status).toBe(2);
    expect(missingStyle.stderr.trim().split('\n').at(-1)).toBe("alea: unknown style 'synth' (this model plays piano, strings, brass)");
  });

  it.skipIf(!existsSync(SHIPPED))('with the shipped style-gan: a sample remixed to strings keeps its length (skipped until models/style-gan is installed)', () => {
    const out = join(dir, 'shipped.wav');
    const result = runCli(['remix', 'samples/pluck-c4.wav', '--style', 'strings', '-o', out]);
    expect(result.status).toBe(0);
    const input = readWav(new Uint8Array(readFileSync('samples/pluck-c4.wav')));
    const { audio, provenance } = readWav(new Uint8Array(readFileSync(out)));
    expect(audio.channels[0].length).toBe(input.audio.channels[0].length);
    expect(provenance?.model?.name).toBe('style-gan');
  });
});
