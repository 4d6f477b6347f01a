// The instrument picker and project files: every option maps to one instrument and back, and a
// project keeps each track's GM instrument (program, drum kit) and its built voice.
import { describe, expect, it } from 'vitest';
import { createEmptySong, createTrack } from '../../../src/core/music/song.ts';
import type { WorkstationProject } from '../../../src/app/lib/engine-port.ts';
import { choiceOf, DEFAULT_CHOICE, instrumentGroups, instrumentOfChoice } from '../../../src/app/lib/instrument-choices.ts';
import { decodeProjectFile, encodeProjectFile } from '../../../src/app/lib/project-file.ts';
import { documentOf, workstationProjectOf } from '../../../src/app/lib/project-document.ts';
import type { BuiltVoice } from '../../../src/app/worker/protocol.ts';
import { gmInstrumentFor } from '../../../src/plugins/builtin/gm-soundfont/gm-instrument.ts';
import { gmSoundfontDescriptor } from '../../../src/plugins/builtin/gm-soundfont/descriptor.ts';
import { validateParams } from '../../../src/plugins/params.ts';

function ramp(length: number): Float32Array {
  return Float32Array.from({ length }, (_, i) => Math.sin(i / 7) * (1 - i / length));
}

function gmBuilt(track: { program: number; isDrum: boolean }): BuiltVoice {
  const state = gmInstrumentFor(track);
  const params = validateParams(state.params, gmSoundfontDescriptor.params);
  const zone = { rootPitch: 60, loPitch: 0, hiPitch: 127, loVelocity: 0, hiVelocity: 127, channels: [ramp(800)] };
  return { plugin: state.plugin, params, voice: { kind: 'multisample', sampleRate: 32000, zones: [zone], attack: 0, release: 0.25, volume: 6, ...(track.isDrum ? { oneShot: true } : {}) } };
}

describe('instrument picker choices', () => {
  it('maps every option to an instrument and back to the same option', () => {
    const values = instrumentGroups().flatMap((g) => g.options.map((o) => o.value));
    expect(values).toContain('gm:73');
    expect(values).toContain('gm:drums');
    expect(values).toContain('poly-synth');
    expect(values).toContain('sampler:keys');
    expect(values).toContain('latent-synth');
    expect(new Set(values).size).toBe(values.length);
    for (const value of values) {
      const instrument = instrumentOfChoice(value);
      if (instrument === null) expect([DEFAULT_CHOICE, 'latent-synth']).toContain(value);
      else expect(choiceOf(instrument)).toBe(value);
    }
    expect(choiceOf(undefined)).toBe(DEFAULT_CHOICE);
    expect(instrumentOfChoice('gm:128')).toBeNull();
  });
});

describe('project file with GM instruments', () => {
  it('keeps each track its program, the drum kit and their voices', () => {
    const song = createEmptySong('gm', 480, 120);
    const notes = [{ pitch: 72, velocity: 90, startTick: 0, endTick: 480 }];
    song.tracks = [createTrack('Flute', { program: 73, notes }), createTrack('Drums', { channel: 9, notes })];
    const built = song.tracks.map((t) => gmBuilt(t));
    const before: WorkstationProject = {
      song,
      midiStrips: song.tracks.map(() => ({ volumeDb: 0, pan: 0, muted: false, soloed: false })),
      clips: [],
      instruments: built.map((b) => ({ plugin: b.plugin, version: gmSoundfontDescriptor.version, params: b.params, bypass: false })),
      voices: built,
    };
    const after = workstationProjectOf(decodeProjectFile(encodeProjectFile(documentOf(before, 'gm.mid', null)), 'gm.alea'));
    expect(after.instruments?.map((s) => [s?.plugin, s?.params.program, s?.params.drums])).toEqual([
      ['gm-soundfont', 73, false],
      ['gm-soundfont', 0, true],
    ]);
    expect(after.voices).toEqual(before.voices);
    const drums = after.voices?.[1]?.voice;
    expect(drums?.kind === 'multisample' && drums.oneShot).toBe(true);
  });
});
