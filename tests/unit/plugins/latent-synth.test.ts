import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { isAleaError } from '../../../src/core/errors.ts';
import { readWav } from '../../../src/core/audio/wav-read.ts';
import { loadModelFolder } from '../../../src/ml/runtime/model-io-node.ts';
import {
  buildTimbreVae,
  encodeSound,
  latentPoint,
  latentSynthDescriptor,
  latentSynthPlugin,
  parseLatentSynthData,
  pitchZones,
  velocityLayers,
  type LatentSynthData,
} from '../../../src/plugins/builtin/latent-synth/index.ts';
import { defaultParams } from '../../../src/plugins/params.ts';
import { loadPreset, presetToJson } from '../../../src/plugins/presets.ts';
import { createState, setStateData, stateFromJson, stateToJson } from '../../../src/plugins/state.ts';
import type { InstrumentVoice, PluginProgress } from '../../../src/plugins/types.ts';
import { MemoryModelResolver, tinyVaeFolder } from '../../helpers/tiny-timbre-models.ts';
import { useWasmBackend } from '../../helpers/tensor-leaks.ts';

useWasmBackend();

const root = join(import.meta.dirname, '../../..');
const SHIPPED_VAE = join(root, 'models/timbre-vae');
const TWO: LatentSynthData = {
  sounds: [
    { name: 'a', latent: [1, 0, 0, 0], pitch: 60 },
    { name: 'b', latent: [0, 1, 0, 0] },
  ],
};
const FOUR: LatentSynthData = {
  sounds: [
    { name: 'bl', latent: [0, 0, 0, 0] },
    { name: 'br', latent: [1, 0, 0, 0] },
    { name: 'tl', latent: [0, 1, 0, 0] },
    { name: 'tr', latent: [1, 1, 0, 0] },
  ],
};

function errorLine(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isAleaError(error)) return error.toLine();
    throw error;
  }
  throw new Error('expected an error');
}

function multisample(voice: InstrumentVoice): Extract<InstrumentVoice, { kind: 'multisample' }> {
  if (voice.kind !== 'multisample') throw new Error(`expected a multisample voice, got ${voice.kind}`);
  return voice;
}

const params = (over: Record<string, unknown> = {}) => ({ ...defaultParams(latentSynthDescriptor.params), model: 'tiny', ...over });

describe('Latent Synth params and data', () => {
  it('has the pad, path, zones, layers, note length, release and volume as params with defaults', () => {
    const values = defaultParams(latentSynthDescriptor.params);
    expect(values).toMatchObject({ model: 'timbre-vae', flow: 'timbre-flow', x: 0.5, y: 0.5, path: 'linear', zones: 16, velocityLayers: 2, noteSeconds: 1.5, volume: -6 });
    expect(latentSynthDescriptor.params.find((p) => p.id === 'path')?.choices).toEqual(['linear', 'spherical']);
  });

  it('names the bad field of bad data', () => {
    expect(errorLine(() => parseLatentSynthData({ sounds: [{ name: 'a', latent: [1, 'x'] }] }))).toContain("field 'sounds.0.latent.1'");
    expect(errorLine(() => parseLatentSynthData({ sounds: [{ name: 'a', latent: [1, 2] }, { name: 'b', latent: [1, 2, 3] }] }))).toContain("field 'sounds.1.latent' has 3 values");
    expect(errorLine(() => parseLatentSynthData({ sounds: [1, 2, 3].map((i) => ({ name: `s${i}`, latent: [i, i] })) }))).toContain("field 'sounds' must hold 1, 2 or 4 sounds, got 3");
    expect(errorLine(() => parseLatentSynthData({ sounds: [{ name: 'a', latent: [1, 2], colour: 'red' }] }))).toContain("unknown field 'sounds.0.colour'");
    expect(errorLine(() => parseLatentSynthData({ sounds: [{ name: 'a', latent: [1, 2], pitch: 200 }] }))).toContain("field 'sounds.0.pitch'");
    expect(errorLine(() => parseLatentSynthData({}))).toContain("missing field 'sounds'");
  });

  it('stands between the sounds: the ends of the slider, the pad corners and its centre', () => {
    expect(Array.from(latentPoint(TWO, 0, 0.9, 'linear'))).toEqual([1, 0, 0, 0]);
    expect(Array.from(latentPoint(TWO, 1, 0.9, 'linear'))).toEqual([0, 1, 0, 0]);
    expect(Array.from(latentPoint(TWO, 0.5, 0, 'linear'))).toEqual([0.5, 0.5, 0, 0]);
    // spherical keeps the norm of two unit latents on the way
    const mid = latentPoint(TWO, 0.5, 0, 'spherical');
    expect(Math.hypot(...mid)).toBeCloseTo(1, 5);
    expect(Array.from(latentPoint(FOUR, 1, 0, 'linear'))).toEqual([1, 0, 0, 0]);
    expect(Array.from(latentPoint(FOUR, 0, 1, 'linear'))).toEqual([0, 1, 0, 0]);
    expect(Array.from(latentPoint(FOUR, 0.25, 0.75, 'linear'))).toEqual([0.25, 0.75, 0, 0]);
  });

  it('keeps its sounds in a saved state and a preset, and names bad fields there', () => {
    const state = setStateData(createState(latentSynthDescriptor, { x: 0.2 }), TWO, latentSynthPlugin.parseData);
    const back = stateFromJson(stateToJson(state), latentSynthDescriptor, 'synth.json', latentSynthPlugin.parseData);
    expect(back.data).toEqual(TWO);
    expect(back.params.x).toBe(0.2);
    const bad = JSON.stringify({ ...JSON.parse(stateToJson(state)), data: { sounds: [{ name: 'a', latent: [1, null] }, TWO.sounds[1]] } });
    expect(errorLine(() => stateFromJson(bad, latentSynthDescriptor, 'synth.json', latentSynthPlugin.parseData))).toMatch(/synth\.json.*field 'sounds\.0\.latent\.1'/);

    const text = presetToJson(latentSynthDescriptor, params(), FOUR);
    const preset = loadPreset(text, latentSynthDescriptor, 'four.json', latentSynthPlugin.parseData);
    expect(preset.data).toEqual(FOUR);
    const broken = text.replace('"tr"', '""');
    expect(errorLine(() => loadPreset(broken, latentSynthDescriptor, 'four.json', latentSynthPlugin.parseData))).toMatch(/four\.json.*field 'sounds\.3\.name'/);
  });

  it('ships presets whose sounds all have latents of one size', () => {
    const dir = join(root, 'presets/latent-synth');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const preset = loadPreset(readFileSync(join(dir, file), 'utf8'), latentSynthDescriptor, file, latentSynthPlugin.parseData);
      const data = parseLatentSynthData(preset.data);
      expect([2, 4]).toContain(data.sounds.length);
    }
  });
});

describe('Latent Synth zones', () => {
  it('covers every MIDI pitch and velocity once, roots inside their zones', () => {
    const zones = pitchZones(16);
    expect(zones).toHaveLength(16);
    expect(zones[0].lo).toBe(0);
    expect(zones[15].hi).toBe(127);
    zones.forEach((z, i) => {
      expect(z.root).toBeGreaterThanOrEqual(z.lo);
      expect(z.root).toBeLessThanOrEqual(z.hi);
      if (i > 0) expect(z.lo).toBe(zones[i - 1].hi + 1);
    });
    const layers = velocityLayers(3);
    expect(layers.map((l) => [l.lo, l.hi])).toEqual([
      [0, 42],
      [43, 84],
      [85, 127],
    ]);
    for (const l of layers) expect(l.render).toBeGreaterThan(l.lo);
  });
});

describe('Latent Synth createVoice', () => {
  const models = new MemoryModelResolver({ tiny: () => tinyVaeFolder(1) });
  afterAll(() => models.release());

  it('builds zones × velocity layers across the keyboard, each a rendered note', async () => {
    const progress: PluginProgress[] = [];
    const voice = multisample(await latentSynthPlugin.createVoice(params({ zones: 4, velocityLayers: 2, noteSeconds: 0.3, release: 0.1 }), { models, data: TWO, onProgress: (p) => progress.push(p) }));
    expect(voice.sampleRate).toBe(8000);
    expect(voice.zones).toHaveLength(8);
    expect(new Set(voice.zones.map((z) => z.rootPitch)).size).toBe(4);
    expect(voice.zones.filter((z) => z.loVelocity === 0)).toHaveLength(4);
    for (const zone of voice.zones) {
      expect(zone.channels).toHaveLength(1);
      expect(zone.channels[0].length).toBe(Math.round(0.4 * 8000));
      expect(zone.channels[0].every(Number.isFinite)).toBe(true);
      expect(Math.max(...zone.channels[0].map(Math.abs))).toBeGreaterThan(0);
    }
    expect(voice.release).toBe(0.1);
    expect(progress.at(-1)).toMatchObject({ done: 8, total: 8 });
  });

  it('gives the same samples for the same point and seed, other samples elsewhere on the pad', async () => {
    const p = params({ zones: 2, velocityLayers: 1, noteSeconds: 0.3, x: 0.3 });
    const a = multisample(await latentSynthPlugin.createVoice(p, { models, data: TWO }));
    const b = multisample(await latentSynthPlugin.createVoice(p, { models, data: TWO }));
    const c = multisample(await latentSynthPlugin.createVoice({ ...p, x: 0.9 }, { models, data: TWO }));
    expect(a.zones[1].channels[0]).toEqual(b.zones[1].channels[0]);
    expect(a.zones[1].channels[0]).not.toEqual(c.zones[1].channels[0]);
  });

  it('stops when aborted and leaves no tensors behind', async () => {
    await latentSynthPlugin.createVoice(params({ zones: 1, velocityLayers: 1 }), { models, data: TWO }); // model built
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const work = latentSynthPlugin.createVoice(params({ zones: 16, velocityLayers: 4 }), {
      models,
      data: FOUR,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 3) controller.abort();
      },
    });
    await expect(work).rejects.toMatchObject({ name: 'AbortError' });
    await latentSynthPlugin.createVoice(params({ zones: 3, velocityLayers: 2 }), { models, data: FOUR });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('says what is missing: sounds, a model host, latents of the model size', async () => {
    await expect(latentSynthPlugin.createVoice(params(), { models })).rejects.toThrow(/no sounds yet/);
    await expect(latentSynthPlugin.createVoice(params(), { data: TWO })).rejects.toThrow(/needs a host that loads models/);
    const wide = { sounds: [{ name: 'a', latent: [1, 2, 3] }] };
    await expect(latentSynthPlugin.createVoice(params(), { models, data: wide })).rejects.toThrow(/3 values but model 'tiny' uses 4/);
  });
});

describe.skipIf(!existsSync(SHIPPED_VAE))('Latent Synth with the shipped timbre VAE (skipped while models/timbre-vae is absent)', () => {
  it('encodes two of Alea samples and plays the blend at every zone', async () => {
    const vae = buildTimbreVae(await loadModelFolder(SHIPPED_VAE));
    const models = { load: async <M,>(_ref: string, _build: unknown): Promise<M> => vae as unknown as M };
    try {
      const sounds = ['flute-g4.wav', 'pluck-c4.wav'].map((f) => encodeSound(vae, readWav(new Uint8Array(readFileSync(join(root, 'samples', f))), f).audio, f).sound);
      expect(sounds[0].latent).toHaveLength(vae.latentDim);
      expect(sounds[0].pitch).toBe(67);
      const voice = multisample(await latentSynthPlugin.createVoice(params({ model: 'timbre-vae', zones: 4, velocityLayers: 1, noteSeconds: 0.5 }), { models, data: { sounds } }));
      expect(voice.zones).toHaveLength(4);
      for (const zone of voice.zones) expect(Math.max(...zone.channels[0].map(Math.abs))).toBeCloseTo(0.5, 3);
      // the shipped presets hold this model's latents (else: npx tsx scripts/make-latent-synth-presets.ts)
      const preset = loadPreset(readFileSync(join(root, 'presets/latent-synth/flute-to-bell.json'), 'utf8'), latentSynthDescriptor, 'flute-to-bell.json', latentSynthPlugin.parseData);
      const flute = parseLatentSynthData(preset.data).sounds[0];
      expect(flute.name).toBe('flute-g4');
      flute.latent.forEach((v, i) => expect(v).toBeCloseTo(sounds[0].latent[i], 3));
    } finally {
      vae.dispose();
    }
  });
});

describe('Latent Synth in a saved project', () => {
  it('keeps its sounds through project JSON and names a bad field with the track', async () => {
    const { projectFromJson, projectToJson } = await import('../../../src/engine/project-json.ts');
    const { createProject } = await import('../../../src/engine/project.ts');
    const { validateProject } = await import('../../../src/engine/project-validate.ts');
    const { createEmptySong, createTrack } = await import('../../../src/core/music/song.ts');
    const song = createEmptySong('s', 480, 120);
    song.tracks = [createTrack('lead', { program: 0, notes: [{ pitch: 60, velocity: 90, startTick: 0, endTick: 480 }] })];
    const base = createProject(song);
    const instrument = { ...createState(latentSynthDescriptor), data: TWO };
    const project = { ...base, tracks: [{ ...base.tracks[0], instrument }] };
    const back = validateProject(projectFromJson(projectToJson(project)));
    expect(back.tracks[0].instrument.data).toEqual(TWO);
    const bad = { ...project, tracks: [{ ...project.tracks[0], instrument: { ...instrument, data: { sounds: [{ name: 'a', latent: [1, 2] }, { name: 'b', latent: [1] }] } } }] };
    expect(errorLine(() => validateProject(bad))).toMatch(/track 0 \(lead\): field 'sounds\.1\.latent'/);
  });
});
