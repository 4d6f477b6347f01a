// Any instrument plugin plays through the engine by the voice it describes: a test plugin that
// builds its own multisample zones (as a model-driven instrument would) plays live and offline
// without an engine edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineInstruments } from '../../../src/engine/instrument-choice.ts';
import { pluginState, useEngineRegistry } from '../../../src/engine/plugin-lookup.ts';
import { loadToneEngine, renderProjectOffline } from '../../../src/engine/render-node.ts';
import { createBuiltinRegistry } from '../../../src/plugins/builtin/builtin-registry.ts';
import type { InstrumentPlugin } from '../../../src/plugins/types.ts';
import { dominantFrequency, note, onsetIndex, projectOf, rms } from './signal.ts';

const SR = 22050;

const seenContexts: unknown[] = [];

/** One sine zone at A4 (recorded at 16 kHz, not the render's rate), covering every key. */
const sineInstrument: InstrumentPlugin = {
  descriptor: {
    id: 'test-sine-zones',
    name: 'Sine zones',
    version: '1.0.0',
    kind: 'instrument',
    description: 'a test instrument made of one sampled sine',
    params: [{ id: 'level', label: 'Level', kind: 'float', min: -60, max: 0, default: -6, unit: 'dB' }],
  },
  createVoice: (params, context) => {
    seenContexts.push(context);
    const rate = 16000;
    const sine = Float32Array.from({ length: rate * 2 }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / rate));
    return Promise.resolve({
      kind: 'multisample',
      sampleRate: rate,
      zones: [{ rootPitch: 69, loPitch: 0, hiPitch: 127, loVelocity: 1, hiVelocity: 127, channels: [sine] }],
      attack: 0,
      release: 0.05,
      volume: Number(params.level),
    });
  },
};

beforeAll(() => useEngineRegistry(createBuiltinRegistry().register(sineInstrument)));
afterAll(() => useEngineRegistry(createBuiltinRegistry()));

describe('an instrument plugin with its own zones', () => {
  it('is listed among the engine instruments', () => {
    expect(engineInstruments().map((d) => d.id)).toContain('test-sine-zones');
  });

  it('renders offline at the pitch asked for, resampled from its zone and its own sample rate', async () => {
    const project = projectOf([{ notes: [note(69, 0, 1), note(81, 2, 1)], instrument: pluginState('test-sine-zones', 'instrument') }]);
    const audio = await renderProjectOffline(project, { sampleRate: SR });
    expect(dominantFrequency(audio.channels[0], SR, Math.round(0.1 * SR), 4096) / 440).toBeCloseTo(1, 2);
    expect(dominantFrequency(audio.channels[0], SR, Math.round(1.1 * SR), 4096) / 880).toBeCloseTo(1, 2);
  });

  it('gets the host plugin context (models, abort) when the render passes one, and an aborted render stops', async () => {
    const project = projectOf([{ notes: [note(69, 0, 1)], instrument: pluginState('test-sine-zones', 'instrument') }]);
    const plugin = { models: { load: () => Promise.reject(new Error('no models in this test')) } };
    await renderProjectOffline(project, { sampleRate: SR, plugin });
    expect(seenContexts[seenContexts.length - 1]).toBe(plugin);
    const controller = new AbortController();
    controller.abort();
    await expect(renderProjectOffline(project, { sampleRate: SR, plugin: { signal: controller.signal } })).rejects.toThrow(/abort/i);
  });

  it('plays live (Tone.js graph) at the same time and level as the offline render', async () => {
    const engine = await loadToneEngine();
    const project = projectOf([{ notes: [note(69, 0.5, 1)], instrument: pluginState('test-sine-zones', 'instrument') }]);
    const live = await engine.renderProjectWithTone(project, { sampleRate: SR, tailSeconds: 0.3 });
    const offline = await renderProjectOffline(project, { sampleRate: SR, tailSeconds: 0.3 });
    expect(Math.abs(onsetIndex(live.channels[0]) - onsetIndex(offline.channels[0]))).toBeLessThanOrEqual(1);
    const from = Math.round(0.3 * SR);
    const to = Math.round(0.7 * SR);
    expect(rms(live.channels[0], from, to) / rms(offline.channels[0], from, to)).toBeCloseTo(1, 2);
  });
});
