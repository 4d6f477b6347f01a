import { describe, expect, it } from 'vitest';
import { audioChunks, processAudio, streamThrough } from '../../../src/plugins/audio-stream.ts';
import { createBuiltinRegistry } from '../../../src/plugins/builtin/builtin-registry.ts';
import { gainFactor, gainPlugin } from '../../../src/plugins/builtin/gain.ts';
import { polySynthPlugin } from '../../../src/plugins/builtin/poly-synth.ts';
import { samplerPlugin } from '../../../src/plugins/builtin/sampler.ts';
import { PluginRegistry } from '../../../src/plugins/registry.ts';
import {
  isAudioEffect,
  isInstrument,
  isMidiEffect,
  isMidiGenerator,
  type AudioChunk,
  type AudioProcessor,
  type Plugin,
} from '../../../src/plugins/types.ts';

const ramp = (length: number): Float32Array => Float32Array.from({ length }, (_, i) => i / length);

describe('plugin kinds', () => {
  it('each built-in passes exactly its own kind guard', () => {
    const guards = { 'midi-generator': isMidiGenerator, 'midi-effect': isMidiEffect, instrument: isInstrument, 'audio-effect': isAudioEffect };
    for (const plugin of createBuiltinRegistry().list()) {
      for (const [kind, guard] of Object.entries(guards)) expect(guard(plugin), `${plugin.descriptor.id} as ${kind}`).toBe(kind === plugin.descriptor.kind);
    }
  });

  it('a plugin missing its kind\'s function is refused when registered', () => {
    const hollow: Plugin = { descriptor: { ...gainPlugin.descriptor, id: 'hollow' } };
    expect(() => new PluginRegistry().register(hollow)).toThrow("plugin 'hollow' does not implement the audio-effect interface");
  });

  it('instruments describe their voice as plain data, params validated', async () => {
    await expect(polySynthPlugin.createVoice({ oscillator: 'square', cutoff: 1200 })).resolves.toMatchObject({
      kind: 'synth',
      settings: { oscillator: 'square', cutoff: 1200, attack: 0.01 },
    });
    await expect(samplerPlugin.createVoice({ sound: 'bell' })).resolves.toMatchObject({ kind: 'sampler', settings: { sound: 'bell', release: 0.3 } });
    await expect(samplerPlugin.createVoice({ sound: 'kazoo' })).rejects.toThrow("param 'sound'");
  });
});

describe('audio effects in chunks', () => {
  it('gain scales every sample by the dB asked, polarity flipped on request', async () => {
    const audio = { sampleRate: 8000, channels: [ramp(10_000), ramp(10_000).map((v) => -v)] };
    const progress: number[] = [];
    const out = await processAudio(gainPlugin, audio, { gain: -6.0206 }, { frames: 4096, onProgress: (p) => progress.push(p.done) });
    expect(out.channels.map((c) => c.length)).toEqual([10_000, 10_000]);
    for (const i of [1, 4095, 4096, 9999]) {
      expect(out.channels[0][i]).toBeCloseTo(audio.channels[0][i] / 2, 5);
      expect(out.channels[1][i]).toBeCloseTo(audio.channels[1][i] / 2, 5);
    }
    expect(progress).toEqual([4096, 8192, 10_000]);
    expect(gainFactor({ gain: 0, invert: true })).toBe(-1);
    expect(audio.channels[0][9999]).toBeCloseTo(0.9999, 6); // the input is left as it was
  });

  it('drops a processor\'s latency from the start and keeps its tail', async () => {
    // a 3-sample delay: output lags input by 3, and flush gives the last 3 samples
    const held: number[] = [0, 0, 0];
    const delay: AudioProcessor = {
      latencySamples: 3,
      process: ([channel]) => [channel.map((v) => (held.push(v), held.shift() ?? 0))],
      flush: () => [Float32Array.from(held.splice(0))],
    };
    const input = Float32Array.from({ length: 10 }, (_, i) => i + 1);
    const chunks: AudioChunk[] = [];
    for await (const chunk of streamThrough(delay, audioChunks({ sampleRate: 1, channels: [input] }, 4))) chunks.push(chunk);
    expect(chunks.flatMap(([c]) => [...c])).toEqual([...input]);
  });

  it('stops between chunks once aborted', async () => {
    const controller = new AbortController();
    const audio = { sampleRate: 8000, channels: [ramp(20_000)] };
    const run = processAudio(gainPlugin, audio, {}, { frames: 1000, signal: controller.signal, onProgress: (p) => p.done >= 3000 && controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
