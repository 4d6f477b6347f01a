// GM SoundFont instrument: a flute sounds unlike a piano, drums play the GM kit, an imported MIDI's
// tracks get their own programs, and a song of GM tracks exports to non-silent audio.
import FFT from 'fft.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEmptySong, createTrack } from '../../../src/core/music/song.ts';
import { readMidi } from '../../../src/core/music/midi-io.ts';
import { writeMidi } from '../../../src/core/music/midi-write.ts';
import { useNodeGmBank } from '../../../src/plugins/builtin/gm-soundfont/bank-source-node.ts';
import { gmInstrumentFor, gmInstrumentName } from '../../../src/plugins/builtin/gm-soundfont/gm-instrument.ts';
import { GM_SAMPLE_RATE, gmSoundfontPlugin } from '../../../src/plugins/builtin/gm-soundfont/plugin.ts';
import { createBuiltinRegistry } from '../../../src/plugins/builtin/builtin-registry.ts';
import type { InstrumentVoice, SampleZone } from '../../../src/plugins/types.ts';
import { renderProjectMix } from '../../../src/engine/offline/render-project.ts';
import { midiTrackSetup } from '../../../src/engine/project.ts';

const FFT_SIZE = 4096;

/** dB magnitude spectrum of FFT_SIZE samples from `fromSeconds` in (a tone: past the attack), 100 Hz..8 kHz. */
function spectrumDb(samples: Float32Array, fromSeconds = 0.3): number[] {
  const start = Math.round(fromSeconds * GM_SAMPLE_RATE);
  const fft = new FFT(FFT_SIZE);
  const input = Array.from({ length: FFT_SIZE }, (_, i) => samples[start + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / FFT_SIZE)));
  const out = fft.createComplexArray();
  fft.realTransform(out, input);
  const lo = Math.ceil((100 * FFT_SIZE) / GM_SAMPLE_RATE);
  const hi = Math.floor((8000 * FFT_SIZE) / GM_SAMPLE_RATE);
  const mags = [];
  for (let k = lo; k <= hi; k++) mags.push(Math.hypot(out[2 * k], out[2 * k + 1]));
  const peak = Math.max(...mags);
  // relative to the frame's peak, floored 80 dB down (DESIGN: empty bins must not dominate)
  return mags.map((m) => Math.max(-80, 20 * Math.log10(m / peak + 1e-12)));
}

function distanceDb(a: number[], b: number[]): number {
  return Math.sqrt(a.reduce((sum, x, i) => sum + (x - b[i]) ** 2, 0) / a.length);
}

function zoneAt(voice: InstrumentVoice, pitch: number): SampleZone {
  if (voice.kind !== 'multisample') throw new Error('expected a multisample voice');
  const zone = voice.zones.find((z) => pitch >= z.loPitch && pitch <= z.hiPitch);
  if (zone === undefined) throw new Error(`no zone holds ${pitch}`);
  return zone;
}

function rms(samples: Float32Array): number {
  return Math.sqrt(samples.reduce((s, x) => s + x * x, 0) / samples.length);
}

describe('GM SoundFont instrument', () => {
  beforeAll(() => useNodeGmBank());

  it('renders a flute whose spectrum differs from a piano at the same pitch', async () => {
    const flute = zoneAt(await gmSoundfontPlugin.createVoice({ program: 73 }), 72);
    const piano = zoneAt(await gmSoundfontPlugin.createVoice({ program: 0 }), 72);
    const fluteAgain = zoneAt(await gmSoundfontPlugin.createVoice({ program: 73 }), 72);
    expect(flute.rootPitch).toBe(piano.rootPitch);
    expect(rms(flute.channels[0])).toBeGreaterThan(0.005);
    expect(rms(piano.channels[0])).toBeGreaterThan(0.005);
    const f = spectrumDb(flute.channels[0]);
    expect(distanceDb(f, spectrumDb(fluteAgain.channels[0]))).toBe(0); // same program, same samples
    expect(distanceDb(f, spectrumDb(piano.channels[0]))).toBeGreaterThan(6);
  }, 60_000);

  it('plays the GM drum kit as one-shot zones, one per drum note', async () => {
    const voice = await gmSoundfontPlugin.createVoice({ drums: true });
    if (voice.kind !== 'multisample') throw new Error('expected a multisample voice');
    expect(voice.oneShot).toBe(true);
    const snare = zoneAt(voice, 38);
    const kick = zoneAt(voice, 36);
    expect([snare.loPitch, snare.hiPitch]).toEqual([38, 38]);
    expect(rms(snare.channels[0].subarray(0, 8000))).toBeGreaterThan(0.005);
    expect(distanceDb(spectrumDb(snare.channels[0], 0), spectrumDb(kick.channels[0], 0))).toBeGreaterThan(3);
  }, 60_000);

  it("gives an imported GM MIDI's tracks their own programs, drums on channel 10 the kit", () => {
    const song = createEmptySong('two programs', 480, 120);
    const notes = [{ pitch: 72, velocity: 90, startTick: 0, endTick: 480 }];
    song.tracks = [
      createTrack('Flute', { program: 73, notes }),
      createTrack('Strings', { program: 48, channel: 1, notes }),
      createTrack('Drums', { channel: 9, notes: [{ pitch: 36, velocity: 100, startTick: 0, endTick: 120 }] }),
    ];
    const imported = readMidi(writeMidi(song), 'two-programs.mid');
    const states = imported.tracks.map((t) => gmInstrumentFor(t));
    expect(states.map((s) => s.plugin)).toEqual(['gm-soundfont', 'gm-soundfont', 'gm-soundfont']);
    expect(states.map((s) => [s.params.program, s.params.drums])).toEqual([[73, false], [48, false], [0, true]]);
    expect(states.map((s) => gmInstrumentName(s.params))).toEqual(['Flute', 'String Ensemble 1', 'Drum kit']);
    // the states are valid instances of the registered plugin
    const descriptor = createBuiltinRegistry().get('gm-soundfont').descriptor;
    expect(descriptor.kind).toBe('instrument');
  });

  it('exports a song of GM tracks to non-silent audio through the offline engine', async () => {
    const song = createEmptySong('gm', 480, 120);
    song.tracks = [
      createTrack('Flute', { program: 73, notes: [{ pitch: 72, velocity: 100, startTick: 0, endTick: 960 }] }),
      createTrack('Drums', { channel: 9, notes: [{ pitch: 38, velocity: 100, startTick: 0, endTick: 60 }] }),
    ];
    const project = { song, tracks: song.tracks.map((t) => midiTrackSetup(gmInstrumentFor(t))), audioTracks: [], masterVolumeDb: 0 };
    const audio = await renderProjectMix(project, { sampleRate: 44100 });
    expect(rms(audio.channels[0].subarray(0, 44100))).toBeGreaterThan(0.01);
  }, 60_000);
});
