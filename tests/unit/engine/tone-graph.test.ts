// The Tone.js playback graph, run in Node on the web-audio-api polyfill.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadToneEngine, renderProjectOffline } from '../../../src/engine/render-node.ts';
import { dominantFrequency, note, onsetIndex, peak, projectOf, rms, sampler, synth } from './signal.ts';

type ToneEngine = Awaited<ReturnType<typeof loadToneEngine>>;
type ToneModule = typeof import('tone');

let engine: ToneEngine;
let Tone: ToneModule;

beforeAll(async () => {
  engine = await loadToneEngine();
  Tone = await import('tone');
});

const SR = 22050;

/** RMS in 10 ms frames: compares how two renders move over time, whatever their phase. */
function envelopeCorrelation(a: Float32Array, b: Float32Array): number {
  const frame = Math.round(SR / 100);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i + frame <= Math.min(a.length, b.length); i += frame) {
    const x = rms(a, i, i + frame);
    const y = rms(b, i, i + frame);
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('ProjectPlayer', () => {
  it('dispose leaves no part, instrument or channel alive, and nothing sounds afterwards', async () => {
    const project = projectOf([
      { notes: [note(60, 0, 1)], instrument: synth() },
      { notes: [note(48, 0, 1)], instrument: sampler({ sound: 'bass' }) },
    ]);
    const owned: { disposed: boolean }[] = [];
    const buffer = await Tone.Offline(
      async () => {
        const player = await engine.ProjectPlayer.create(project);
        player.play(0, 0);
        const synthInstrument = player.instruments[0];
        const samplerInstrument = player.instruments[1];
        if (!(synthInstrument instanceof engine.ToneSynthInstrument) || !(samplerInstrument instanceof engine.ToneMultisampleInstrument)) {
          throw new Error('unexpected instrument classes');
        }
        owned.push(
          ...player.players.map((p) => p.part),
          synthInstrument.synth,
          synthInstrument.filter,
          samplerInstrument.volume,
          player.mixer.channel(0),
          player.mixer.channel(1),
          player.mixer.master,
        );
        player.dispose();
      },
      0.3,
      2,
      SR,
    );
    expect(owned.length).toBe(8);
    expect(owned.every((node) => node.disposed)).toBe(true);
    expect(peak(buffer.getChannelData(0))).toBe(0);
    expect(Tone.getTransport().state).not.toBe('started');
  });
});

describe('renderProjectWithTone (the playback graph) against the export renderer', () => {
  it('a sampler note: same onset, same level, same envelope', async () => {
    const project = projectOf([{ notes: [note(64, 0.5, 1)], instrument: sampler({ sound: 'keys' }), strip: { volumeDb: -6 } }]);
    const tone = await engine.renderProjectWithTone(project, { sampleRate: SR, tailSeconds: 0.4 });
    const mix = await renderProjectOffline(project, { sampleRate: SR, tailSeconds: 0.4 });
    const left = tone.channels[0];
    expect(Math.abs(onsetIndex(left) / SR - 0.25)).toBeLessThan(0.005);
    expect(Math.abs(onsetIndex(mix.channels[0]) - onsetIndex(left))).toBeLessThanOrEqual(1);
    expect(rms(left) / rms(mix.channels[0].subarray(0, left.length))).toBeCloseTo(1, 2);
    expect(envelopeCorrelation(left, mix.channels[0])).toBeGreaterThan(0.999);
  });

  it('a poly-synth note: same pitch and envelope', async () => {
    const project = projectOf([{ notes: [note(57, 0, 1)], instrument: synth({ oscillator: 'sawtooth', cutoff: 2000, decay: 0.1, sustain: 0.4 }) }]);
    const tone = await engine.renderProjectWithTone(project, { sampleRate: SR, tailSeconds: 0.45 });
    const mix = await renderProjectOffline(project, { sampleRate: SR, tailSeconds: 0.45 });
    const f = dominantFrequency(tone.channels[0], SR, Math.round(0.2 * SR), 4096);
    expect(Math.abs(f / 220 - 1)).toBeLessThan(0.01);
    expect(envelopeCorrelation(tone.channels[0], mix.channels[0])).toBeGreaterThan(0.98);
  });

  it('pans through Tone.Channel: hard left leaves the right channel silent', async () => {
    const project = projectOf([{ notes: [note(60, 0, 0.5)], instrument: sampler({ sound: 'pluck' }), strip: { pan: -1 } }]);
    const tone = await engine.renderProjectWithTone(project, { sampleRate: SR, tailSeconds: 0.2 });
    expect(rms(tone.channels[0])).toBeGreaterThan(0.01);
    expect(peak(tone.channels[1])).toBeLessThan(1e-6);
  });
});

describe('Transport and Mixer', () => {
  it('take tempo, meter and loop points from the song, in seconds', async () => {
    await Tone.Offline(
      () => {
        const project = projectOf([{ notes: [note(60, 0, 1)], instrument: synth() }]);
        project.song.tempos = [{ tick: 0, bpm: 90 }, { tick: 960, bpm: 60 }];
        project.song.timeSignatures = [{ tick: 0, numerator: 3, denominator: 4 }];
        const transport = new engine.Transport(project.song);
        const tone = Tone.getTransport();
        expect(tone.bpm.value).toBeCloseTo(90, 6);
        expect(tone.timeSignature).toBe(3);
        transport.setLoop(480, 1440);
        expect(transport.looping).toBe(true);
        // tick 480 = one beat at 90 bpm; tick 1440 = two beats at 90 + one at 60
        // (Tone keeps loop points in whole ticks of its own 192 ppq: within a few ms)
        expect(Math.abs(Tone.Time(tone.loopStart).toSeconds() - 60 / 90)).toBeLessThan(0.005);
        expect(Math.abs(Tone.Time(tone.loopEnd).toSeconds() - ((2 * 60) / 90 + 1))).toBeLessThan(0.005);
        expect(() => transport.setLoop(10, 5)).toThrow(RangeError);
        transport.dispose();
        expect(transport.looping).toBe(false);
      },
      0.05,
      2,
      SR,
    );
  });

  it('keeps a strip volume changed while muted for when it is unmuted', async () => {
    await Tone.Offline(
      () => {
        const mixer = new engine.Mixer([{ volumeDb: -6, pan: 0, mute: false, solo: false }]);
        mixer.setStrip(0, { mute: true });
        expect(mixer.channel(0).mute).toBe(true);
        mixer.setStrip(0, { volumeDb: -12 });
        expect(mixer.channel(0).mute).toBe(true);
        mixer.setStrip(0, { mute: false });
        expect(mixer.channel(0).volume.value).toBeCloseTo(-12, 6);
        expect(mixer.strip(0)).toEqual({ volumeDb: -12, pan: 0, mute: false, solo: false });
        mixer.dispose();
        expect(mixer.channel(0).disposed).toBe(true);
      },
      0.05,
      2,
      SR,
    );
  });
});
