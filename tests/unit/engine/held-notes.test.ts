// Notes held live (a key down, then up) on the Tone.js instruments, rendered in Node on the
// web-audio-api polyfill: each sounds from its note-on until its note-off plus the release.
import { beforeAll, describe, expect, it } from 'vitest';
import { addSustainLoop } from '../../../src/core/dsp/sustain-loop.ts';
import type { MultisampleVoice } from '../../../src/engine/instruments/voice.ts';
import { addSamplerVoice } from '../../../src/engine/offline/sampler-track.ts';
import { renderVoice } from '../../../src/engine/offline/render-project.ts';
import type { ToneInstrument } from '../../../src/engine/tone/tone-instrument.ts';
import { maxDifference, projectOf, rms, synth } from './signal.ts';
import { loadTone, type ToneEngine } from './tone-for-tests.ts';

let engine: ToneEngine;
let Tone: typeof import('tone');

beforeAll(async () => {
  ({ engine, Tone } = await loadTone());
});

const SR = 22050;
const at = (seconds: number): number => Math.round(seconds * SR);

/** Renders `make`'s instrument to the output while `play` holds notes on it. */
async function render(make: () => ToneInstrument, play: (instrument: ToneInstrument) => void, seconds: number): Promise<Float32Array> {
  let made: ToneInstrument | null = null;
  const buffer = await Tone.Offline(
    () => {
      made = make();
      made.output.toDestination();
      play(made);
    },
    seconds,
    1,
    SR,
  );
  const samples = Float32Array.from(buffer.getChannelData(0));
  (made as ToneInstrument | null)?.dispose();
  return samples;
}

/** 1.2 s of `make`'s instrument with A4 held from `on` to `off` seconds. */
const heldFrom = (make: () => ToneInstrument, on: number, off: number): Promise<Float32Array> =>
  render(
    make,
    (instrument) => {
      instrument.noteOn(69, 0.8, on);
      instrument.noteOff(69, off);
    },
    1.2,
  );

function tone(seconds: number): Float32Array {
  return Float32Array.from({ length: at(seconds) }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / SR));
}

const makers: [string, () => ToneInstrument][] = [
  [
    'a multisample voice',
    () =>
      new engine.ToneMultisampleInstrument({
        kind: 'multisample',
        sampleRate: SR,
        zones: [{ rootPitch: 69, loPitch: 0, hiPitch: 127, loVelocity: 0, hiVelocity: 127, channels: [tone(2)] }],
        attack: 0.005,
        release: 0.05,
        volumeDb: 0,
        oneShot: false,
      }),
  ],
  [
    'a poly synth',
    () => new engine.ToneSynthInstrument({ oscillator: 'sine', attack: 0.005, decay: 0.05, sustain: 0.8, release: 0.05, cutoff: 8000, detune: 0, volume: -6 }),
  ],
];

describe('held notes live', () => {
  for (const [name, make] of makers) {
    it(`${name}: a note sounds from its note-on, through the hold, and ends after its note-off`, async () => {
      const held = await heldFrom(make, 0.1, 0.7);
      expect(rms(held, 0, at(0.09))).toBeLessThan(1e-4); // nothing before the key
      expect(rms(held, at(0.2), at(0.65))).toBeGreaterThan(0.05); // the whole hold, past any fixed length
      expect(rms(held, at(0.95), at(1.2))).toBeLessThan(1e-3); // released
      // held longer, sounds longer
      const longer = await heldFrom(make, 0.1, 1.0);
      expect(rms(longer, at(0.8), at(0.95))).toBeGreaterThan(0.05);
    });

    it(`${name}: releaseAll ends a note still held, and a note-off for a silent pitch does nothing`, async () => {
      const samples = await render(
        make,
        (instrument) => {
          instrument.noteOff(60, 0); // never started
          instrument.noteOn(69, 0.8, 0);
          instrument.releaseAll(); // at once: the transport stopped
        },
        0.6,
      );
      expect(rms(samples, at(0.3), at(0.6))).toBeLessThan(1e-3);
    });
  }
});

describe('sustain loops', () => {
  /** A 1 s sample of A4, its sustain loop found as the plugins find theirs (or left out). */
  function looped(withLoop: boolean): MultisampleVoice {
    const channel = tone(1);
    const loop = addSustainLoop(channel, SR, { pitch: 69, heldFrames: at(1) });
    if (loop === null) throw new Error('a steady tone should loop');
    const zone = { rootPitch: 69, loPitch: 0, hiPitch: 127, loVelocity: 0, hiVelocity: 127, channels: [channel], ...(withLoop ? { loop } : {}) };
    return { kind: 'multisample', sampleRate: SR, zones: [zone], attack: 0.005, release: 0.05, volumeDb: 0, oneShot: false };
  }

  it('live: a key held past the end of its sample keeps sounding until its note-off', async () => {
    const hold = (voice: MultisampleVoice): Promise<Float32Array> =>
      render(
        () => new engine.ToneMultisampleInstrument(voice),
        (instrument) => {
          instrument.noteOn(69, 0.8, 0.1);
          instrument.noteOff(69, 2.2);
        },
        2.6,
      );
    const samples = await hold(looped(true));
    expect(rms(samples, at(1.3), at(2.15))).toBeGreaterThan(0.5 * rms(samples, at(0.3), at(0.9)));
    expect(rms(samples, at(2.4), at(2.6))).toBeLessThan(1e-3); // released
    expect(rms(await hold(looped(false)), at(1.3), at(2.15))).toBeLessThan(1e-3); // no loop: the sample ran out
  });

  it('offline: a note longer than its sample sustains at an even level, with no click at the wraps', () => {
    const voice = looped(true);
    const event = { pitch: 69, velocity: 0.8, time: 0, duration: 3 };
    const samples = renderVoice(voice, [event], SR, at(3.5));
    const body = rms(samples, at(0.2), at(0.9));
    for (const second of [1.2, 1.8, 2.4]) expect(rms(samples, at(second), at(second + 0.3)) / body).toBeCloseTo(1, 1);
    let largestStep = 0;
    for (let i = at(0.2); i < at(2.9); i++) largestStep = Math.max(largestStep, Math.abs(samples[i] - samples[i - 1]));
    const toneStep = 0.8 * 0.5 * 2 * Math.sin((Math.PI * 440) / SR); // a sine's largest step at this level
    expect(largestStep).toBeLessThan(toneStep * 1.1);
    expect(rms(samples, at(3.2), at(3.5))).toBeLessThan(1e-3); // released
    expect(rms(renderVoice(looped(false), [event], SR, at(3.5)), at(1.2), at(2.9))).toBe(0);
  });

  it('offline: a looped zone renders as the same sample with its loop written out, in any render window', () => {
    // any loop, in a sample with noise in it, so no two frames are alike
    let seed = 3;
    const sample = Float32Array.from(tone(1), (v) => v + ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.2);
    const loop = { start: at(0.3), end: at(0.8) };
    const zone = { rootPitch: 69, loPitch: 0, hiPitch: 127, loVelocity: 0, hiVelocity: 127, channels: [sample], loop };
    const voice: MultisampleVoice = { kind: 'multisample', sampleRate: SR, zones: [zone], attack: 0.005, release: 0.05, volumeDb: -6, oneShot: false };
    const unrolled = new Float32Array(at(8));
    unrolled.set(sample.subarray(0, loop.end));
    for (let i = loop.end; i < unrolled.length; i++) unrolled[i] = sample[loop.start + ((i - loop.start) % (loop.end - loop.start))];
    const written: MultisampleVoice = { ...voice, zones: [{ ...zone, channels: [unrolled], loop: undefined }] };
    // at another pitch (resampled) and velocity, starting mid-track
    const event = { pitch: 64, velocity: 0.6, time: 0.25, duration: 3 };
    const total = at(4);
    const expected = renderVoice(written, [event], SR, total);
    expect(maxDifference(renderVoice(voice, [event], SR, total), expected)).toBeLessThan(1e-6);
    // rendered in windows, as the export's blocks do
    const windowed = new Float32Array(total);
    for (let from = 0; from < total; from += 4096) {
      const block = new Float32Array(Math.min(4096, total - from));
      addSamplerVoice(block, from, total, event, voice, SR, { gain: new Float32Array(0) });
      windowed.set(block, from);
    }
    expect(maxDifference(windowed, expected)).toBeLessThan(1e-6);
  });
});

describe('EngineSession held notes', () => {
  async function session(play: (s: InstanceType<ToneEngine['EngineSession']>) => void): Promise<Float32Array> {
    const buffer = await Tone.Offline(
      async () => {
        const live = new engine.EngineSession();
        await live.setProject(projectOf([{ notes: [], instrument: synth({ release: 0.05 }) }]));
        play(live);
      },
      0.8,
      1,
      SR,
    );
    return Float32Array.from(buffer.getChannelData(0));
  }

  it("a note-on sounds on the track's instrument until its note-off; stop ends held notes", async () => {
    expect(rms(await session((live) => live.noteOn(0, 69, 0.8)), at(0.5), at(0.8))).toBeGreaterThan(0.01);
    const released = await session((live) => {
      live.noteOn(0, 69, 0.8);
      live.noteOff(0, 69);
    });
    expect(rms(released, at(0.5), at(0.8))).toBeLessThan(1e-3);
    const stopped = await session((live) => {
      live.noteOn(0, 69, 0.8);
      live.stop();
      live.noteOff(0, 69); // the key comes up after the stop: nothing left to end
    });
    expect(rms(stopped, at(0.5), at(0.8))).toBeLessThan(1e-3);
    expect(rms(await session((live) => live.noteOn(5, 69, 0.8)), 0, at(0.8))).toBe(0); // no such track
  });
});
