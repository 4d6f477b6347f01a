import { describe, expect, it } from 'vitest';
import { AleaError } from '../../../src/core/errors.ts';
import { createBuiltinRegistry } from '../../../src/plugins/builtin/builtin-registry.ts';
import { polySynthDescriptor, polySynthPlugin } from '../../../src/plugins/builtin/poly-synth.ts';
import { transposeQuantizePlugin } from '../../../src/plugins/builtin/transpose-quantize.ts';
import { applyMidiEffect } from '../../../src/plugins/host.ts';
import { PluginRegistry } from '../../../src/plugins/registry.ts';
import {
  createState,
  setBypass,
  setStateParam,
  stateFromJson,
  stateToJson,
} from '../../../src/plugins/state.ts';
import { isMidiEffect } from '../../../src/plugins/types.ts';
import type { Song } from '../../../src/core/music/types.ts';

describe('PluginRegistry', () => {
  it('finds plugins by id and lists them by kind', () => {
    const registry = createBuiltinRegistry();
    expect(registry.get('poly-synth')).toBe(polySynthPlugin);
    expect(registry.list('instrument').map((p) => p.descriptor.id)).toEqual(['poly-synth', 'sampler', 'latent-synth', 'gm-soundfont']);
    expect(registry.list('midi-effect').map((p) => p.descriptor.id)).toEqual(['transpose-quantize']);
    expect(registry.list('audio-effect').map((p) => p.descriptor.id)).toEqual(['gain', 'remix']);
    expect(registry.list('midi-generator').map((p) => p.descriptor.id)).toEqual(['continue', 'infill']);
    expect(isMidiEffect(registry.get('transpose-quantize'))).toBe(true);
    expect(isMidiEffect(registry.get('poly-synth'))).toBe(false);
  });

  it('refuses a duplicate id and names unknown ids', () => {
    const registry = new PluginRegistry().register(polySynthPlugin);
    expect(() => registry.register(polySynthPlugin)).toThrow("plugin id 'poly-synth' is already registered");
    expect(() => registry.get('nope')).toThrow("unknown plugin 'nope' (known: poly-synth)");
    expect(registry.find('nope')).toBeUndefined();
  });
});

describe('plugin state', () => {
  it('round-trips through JSON with bypass and params', () => {
    let state = createState(polySynthDescriptor, { oscillator: 'square' });
    state = setBypass(setStateParam(state, polySynthDescriptor, 'cutoff', 1200), true);
    const restored = stateFromJson(stateToJson(state), polySynthDescriptor);
    expect(restored).toEqual(state);
    expect(restored.params).toMatchObject({ oscillator: 'square', cutoff: 1200 });
    expect(restored.bypass).toBe(true);
  });

  it('refuses a state with a bad field, naming it and the file', () => {
    const text = JSON.stringify({ plugin: 'poly-synth', version: '1.0.0', params: {}, bypass: 'no' });
    try {
      stateFromJson(text, polySynthDescriptor, 'song.alea');
      throw new Error('expected refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(AleaError);
      expect((error as AleaError).toLine()).toBe("song.alea: field 'bypass' must be a boolean, got 'no'");
    }
    expect(() => setStateParam(createState(polySynthDescriptor), polySynthDescriptor, 'volume', 20)).toThrow(
      "param 'volume' must be a number between -60 and 6, got 20",
    );
  });
});

describe('applyMidiEffect', () => {
  const song: Song = {
    name: 's',
    ppq: 480,
    tracks: [{ name: 't', channel: 0, program: 0, isDrum: false, notes: [{ pitch: 60, velocity: 90, startTick: 0, endTick: 480 }] }],
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    keySignatures: [],
    texts: [],
  };

  it('runs the effect, or passes the song through when bypassed', () => {
    const state = createState(transposeQuantizePlugin.descriptor, { semitones: 5 });
    expect(applyMidiEffect(transposeQuantizePlugin, state, song).tracks[0].notes[0].pitch).toBe(65);
    expect(applyMidiEffect(transposeQuantizePlugin, setBypass(state, true), song)).toBe(song);
  });
});
