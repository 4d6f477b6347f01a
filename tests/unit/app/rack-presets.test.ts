import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { presetsFor, shippedPresets } from '../../../src/app/components/rack/shipped-presets.ts';

describe('shipped presets in the app', () => {
  it('bundles every preset file under presets/, each valid for its plugin', () => {
    const { presets, errors } = shippedPresets();
    expect(errors.map((e) => e.message)).toEqual([]);
    const onDisk = readdirSync('presets', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(`presets/${d.name}`).filter((f) => f.endsWith('.json')).map((f) => `${d.name}/${f.replace(/\.json$/, '')}`));
    expect(presets.map((p) => `${p.plugin}/${p.name}`).sort()).toEqual(onDisk.sort());
  });

  it('lists a plugin’s presets with complete params', () => {
    const gain = presetsFor('gain');
    expect(gain.map((p) => p.name)).toEqual(['minus-6db', 'polarity-flip']);
    expect(gain[0].params).toEqual({ gain: -6, invert: false });
  });
});
