// Latent Synth's app side in Node: the ML worker's latent jobs, voices built ahead and played by
// engines without models (live and export), the computer keyboard's notes.
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createEmptySong, createTrack } from '../../../src/core/music/song.ts';
import { renderProjectMix } from '../../../src/engine/offline/render-project.ts';
import { useEngineRegistry } from '../../../src/engine/plugin-lookup.ts';
import { createProject } from '../../../src/engine/project.ts';
import { latentSynthDescriptor, latentSynthPlugin } from '../../../src/plugins/builtin/latent-synth/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/builtin/builtin-registry.ts';
import { defaultParams } from '../../../src/plugins/params.ts';
import { isInstrument, type InstrumentVoice, type PluginData } from '../../../src/plugins/types.ts';
import { BuiltVoices, registryWithBuiltVoices, voiceKey } from '../../../src/app/lib/built-voices.ts';
import { keyPitch, octaveShift } from '../../../src/app/lib/computer-keys.ts';
import { runLatentJob } from '../../../src/app/worker/latent-jobs.ts';
import { runPluginJob } from '../../../src/app/worker/plugin-jobs.ts';
import type { LatentRequest } from '../../../src/app/worker/protocol.ts';
import { MemoryModelResolver, tinyFlowFolder, tinyVaeFolder } from '../../helpers/tiny-timbre-models.ts';
import { useWasmBackend } from '../../helpers/tensor-leaks.ts';

useWasmBackend();

const models = new MemoryModelResolver({ tiny: () => tinyVaeFolder(1) });
const flows = new MemoryModelResolver({ 'tiny-flow': () => tinyFlowFolder('tiny-1'), 'other-flow': () => tinyFlowFolder('another-vae') });
afterAll(() => {
  models.release();
  flows.release();
});

function sine(hz: number, seconds = 0.5, rate = 22050): { sampleRate: number; channels: Float32Array[] } {
  const samples = Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate));
  return { sampleRate: rate, channels: [samples, samples] };
}

const request = (job: LatentRequest['job'], flow: string | null = 'tiny-flow'): LatentRequest => ({ kind: 'latent', id: 1, model: 'tiny', flow, job });

describe('the ML worker’s Latent Synth jobs', () => {
  it('encodes a user’s sound (stereo, another rate) with its pitch and how typical it is', async () => {
    const result = await runLatentJob(request({ kind: 'encode', sounds: [{ name: 'a440', audio: sine(440) }] }), { models, flows });
    const [scored] = result.sounds;
    expect(scored.sound.name).toBe('a440');
    expect(scored.sound.latent).toHaveLength(4);
    expect(scored.sound.pitch).toBe(69);
    expect(scored.typicality?.percentile).toBeGreaterThanOrEqual(0);
    expect(scored.typicality?.percentile).toBeLessThanOrEqual(100);
    expect(result.flowNote).toBeNull();
  });

  it('calls a far-out latent unusual and a typical one not', async () => {
    const result = await runLatentJob(request({ kind: 'score', latents: [[0, 0, 0, 0], [9, -9, 9, -9]] }), { models, flows });
    expect(result.sounds.map((s) => s.typicality?.unusual)).toEqual([false, true]);
  });

  it('draws the same sound for the same seed, another for another', async () => {
    const draw = async (seed: number) => (await runLatentJob(request({ kind: 'sample', seed, temperature: 0.8 }), { models, flows })).sounds[0].sound.latent;
    expect(await draw(3)).toEqual(await draw(3));
    expect(await draw(3)).not.toEqual(await draw(4));
  });

  it('scores nothing with a flow of another VAE, and says why', async () => {
    const result = await runLatentJob(request({ kind: 'score', latents: [[0, 0, 0, 0]] }, 'other-flow'), { models, flows });
    expect(result.sounds[0].typicality).toBeNull();
    expect(result.flowNote).toContain("learned another VAE's latents");
    await expect(runLatentJob(request({ kind: 'sample', seed: 1, temperature: 1 }, null), { models, flows })).rejects.toThrow(/cannot draw a sound: no flow model installed/);
  });

  it('leaves no tensors behind once the models are loaded', async () => {
    await runLatentJob(request({ kind: 'score', latents: [[0, 0, 0, 0]] }), { models, flows });
    const before = tf.memory().numTensors;
    await runLatentJob(request({ kind: 'encode', sounds: [{ name: 'x', audio: sine(220) }] }), { models, flows });
    await runLatentJob(request({ kind: 'sample', seed: 2, temperature: 1 }), { models, flows });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('voices built ahead', () => {
  afterEach(() => useEngineRegistry(createBuiltinRegistry()));
  const data: PluginData = { sounds: [{ name: 'a', latent: [1, 0, 0, 0] }, { name: 'b', latent: [0, 1, 0, 0] }] };
  const params = { ...defaultParams(latentSynthDescriptor.params), model: 'tiny', zones: 2, velocityLayers: 1, noteSeconds: 0.5 };

  async function built(): Promise<InstrumentVoice> {
    return latentSynthPlugin.createVoice(params, { models, data });
  }

  it('is built by the worker’s plugin job from the sounds the job carries', async () => {
    const progress: number[] = [];
    const result = await runPluginJob(createBuiltinRegistry(), 'latent-synth', { kind: 'instrument', params, data }, { models, onProgress: (p) => progress.push(p.done) });
    if (result.kind !== 'instrument' || result.voice.kind !== 'multisample') throw new Error('expected a multisample voice');
    expect(result.voice.zones).toHaveLength(2);
    expect(progress.at(-1)).toBe(2);
    await expect(runPluginJob(createBuiltinRegistry(), 'latent-synth', { kind: 'instrument', params }, { models })).rejects.toThrow(/no sounds yet/);
  });

  it('finds a voice by plugin, params in any order, and data', async () => {
    const voices = new BuiltVoices([{ plugin: 'latent-synth', params, data, voice: await built() }]);
    const reordered = Object.fromEntries(Object.entries(params).reverse());
    expect(voiceKey('latent-synth', reordered, data)).toBe(voiceKey('latent-synth', params, data));
    expect(voices.find('latent-synth', reordered, data)).toBeDefined();
    expect(voices.find('latent-synth', { ...params, x: 0.9 }, data)).toBeUndefined();
    voices.retain(() => false);
    expect(voices.list()).toEqual([]);
  });

  it('plays the built voice where there is no model, and asks for a model host otherwise', async () => {
    const voice = await built();
    const registry = registryWithBuiltVoices(new BuiltVoices([{ plugin: 'latent-synth', params, data, voice }]));
    const plugin = registry.get('latent-synth');
    if (!isInstrument(plugin)) throw new Error('not an instrument');
    expect(await plugin.createVoice(params, { data })).toBe(voice);
    await expect(plugin.createVoice({ ...params, x: 0.1 }, { data })).rejects.toThrow(/needs a host that loads models/);
  });

  it('renders a project whose track plays Latent Synth (the WAV export) from the built voice', async () => {
    const voice = await built();
    useEngineRegistry(registryWithBuiltVoices(new BuiltVoices([{ plugin: 'latent-synth', params, data, voice }])));
    const song = createEmptySong('s', 480, 120);
    song.tracks = [createTrack('lead', { program: 0, notes: [{ pitch: 64, velocity: 100, startTick: 0, endTick: 480 }] })];
    const base = createProject(song);
    const instrument = { plugin: 'latent-synth', version: latentSynthDescriptor.version, params, bypass: false, data };
    const mix = await renderProjectMix({ ...base, tracks: [{ ...base.tracks[0], instrument }] }, { sampleRate: 16000 });
    let peak = 0;
    for (const c of mix.channels) for (const s of c) peak = Math.max(peak, Math.abs(s));
    expect(peak).toBeGreaterThan(0.01);
  });
});

describe('the computer keyboard', () => {
  it('plays a chromatic octave from A (middle C at octave 4) and shifts octaves with Z and X', () => {
    expect(['KeyA', 'KeyW', 'KeyS', 'KeyK'].map((k) => keyPitch(k, 4))).toEqual([60, 61, 62, 72]);
    expect(keyPitch('KeyQ', 4)).toBeNull();
    expect(octaveShift('KeyZ', 4)).toBe(3);
    expect(octaveShift('KeyX', 8)).toBe(8);
    expect(octaveShift('KeyA', 4)).toBeNull();
  });
});
