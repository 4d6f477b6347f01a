import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AleaError } from '../../../src/core/errors.ts';
import { createBuiltinRegistry } from '../../../src/plugins/builtin/builtin-registry.ts';
import { polySynthDescriptor } from '../../../src/plugins/builtin/poly-synth.ts';
import { transposeQuantizeDescriptor } from '../../../src/plugins/builtin/transpose-quantize.ts';
import { loadPreset, loadPresetSet, presetPath, presetToJson } from '../../../src/plugins/presets.ts';

const presetsRoot = join(import.meta.dirname, '../../../presets');

function shippedPresetFiles(): { path: string; text: string }[] {
  return readdirSync(presetsRoot).flatMap((plugin) =>
    readdirSync(join(presetsRoot, plugin)).map((file) => ({
      path: `${plugin}/${file}`,
      text: readFileSync(join(presetsRoot, plugin, file), 'utf8'),
    })),
  );
}

function presetError(text: string, fileName = 'presets/poly-synth/x.json'): AleaError {
  try {
    loadPreset(text, polySynthDescriptor, fileName);
  } catch (error) {
    expect(error).toBeInstanceOf(AleaError);
    return error as AleaError;
  }
  throw new Error('expected the preset to be refused');
}

const good = { plugin: 'poly-synth', version: '1.0.0', params: { oscillator: 'sine', cutoff: 900 } };

describe('loadPreset', () => {
  it('loads a valid preset, filling defaults and naming it after its file', () => {
    const preset = loadPreset(JSON.stringify(good), polySynthDescriptor, 'presets/poly-synth/mellow.json');
    expect(preset.name).toBe('mellow');
    expect(preset.params.oscillator).toBe('sine');
    expect(preset.params.cutoff).toBe(900);
    expect(preset.params.release).toBe(0.4);
  });

  it('refuses an unknown top-level field, naming it and the file', () => {
    const error = presetError(JSON.stringify({ ...good, colour: 'red' }));
    expect(error.kind).toBe('bad-input');
    expect(error.toLine()).toBe("presets/poly-synth/x.json: unknown field 'colour'");
  });

  it('refuses a wrong type, naming the field', () => {
    expect(presetError(JSON.stringify({ ...good, version: 1 })).message).toBe("field 'version' must be a string, got 1");
    expect(presetError(JSON.stringify({ ...good, params: { cutoff: null } })).message).toContain("field 'params.cutoff'");
    expect(presetError(JSON.stringify({ ...good, params: { cutoff: '900' } })).message).toBe(
      "param 'cutoff' must be a number between 20 and 20000, got '900'",
    );
    expect(presetError(JSON.stringify({ plugin: 'poly-synth', params: {} })).message).toBe("missing field 'version'");
  });

  it('refuses out-of-range values and unknown params', () => {
    expect(presetError(JSON.stringify({ ...good, params: { sustain: 1.5 } })).message).toBe(
      "param 'sustain' must be a number between 0 and 1, got 1.5",
    );
    expect(presetError(JSON.stringify({ ...good, params: { wobble: 1 } })).message).toContain("unknown param 'wobble'");
  });

  it('refuses a preset for another plugin or major version, and broken JSON', () => {
    expect(presetError(JSON.stringify({ ...good, plugin: 'sampler' })).message).toBe(
      "field 'plugin' is 'sampler' but this is for plugin 'poly-synth'",
    );
    expect(presetError(JSON.stringify({ ...good, version: '2.0.0' })).message).toContain('major versions differ');
    expect(presetError('{ "plugin": ').message).toContain('not valid JSON');
    expect(presetError('[]').message).toContain('must be an object');
  });

  it('round-trips through presetToJson', () => {
    const text = presetToJson(transposeQuantizeDescriptor, { grid: '1/8T', semitones: -5 });
    const preset = loadPreset(text, transposeQuantizeDescriptor, presetPath('transpose-quantize', 'swing'));
    expect(preset).toMatchObject({ name: 'swing', plugin: 'transpose-quantize', params: { grid: '1/8T', semitones: -5 } });
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('loadPresetSet', () => {
  it('accepts every preset shipped in presets/ (at least two per built-in plugin)', () => {
    const set = loadPresetSet(shippedPresetFiles(), createBuiltinRegistry());
    expect(set.errors.map((e) => e.toLine())).toEqual([]);
    for (const plugin of createBuiltinRegistry().list().map((p) => p.descriptor.id)) {
      expect(set.presets.filter((p) => p.plugin === plugin).length).toBeGreaterThanOrEqual(2);
    }
    expect(set.presets.map((p) => p.name)).toContain('warm-pad');
  });

  it('reports bad files without hiding the good ones', () => {
    const set = loadPresetSet(
      [
        { path: 'presets/poly-synth/ok.json', text: JSON.stringify(good) },
        { path: 'presets/poly-synth/typo.json', text: JSON.stringify({ ...good, param: {} }) },
        { path: 'presets/no-such-plugin/a.json', text: JSON.stringify(good) },
        { path: 'presets/sampler/wrong.json', text: JSON.stringify(good) },
      ],
      createBuiltinRegistry(),
    );
    expect(set.presets.map((p) => p.name)).toEqual(['ok']);
    expect(set.errors.map((e) => e.toLine())).toEqual([
      "presets/poly-synth/typo.json: unknown field 'param'",
      "presets/no-such-plugin/a.json: no plugin 'no-such-plugin' for this preset folder",
      "presets/sampler/wrong.json: field 'plugin' is 'poly-synth' but this is for plugin 'sampler'",
    ]);
  });
});
