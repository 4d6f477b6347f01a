import { describe, expect, it } from 'vitest';
import { realFft } from '../../../src/core/dsp/fft.ts';
import { lowpassInPlace } from '../../../src/engine/dsp/biquad.ts';
import { approachValue, heldLevel, writeAdsr } from '../../../src/engine/dsp/envelope.ts';
import { nearestRoot, rootSample, rootSampleInSteps, sampleRoots } from '../../../src/engine/dsp/multisample.ts';
import { synthesisePitched } from '../../../src/engine/dsp/pitched-sounds.ts';
import { TABLE_SIZE, wavetableFor } from '../../../src/engine/dsp/wavetable.ts';
import { rms } from './signal.ts';

const SR = 22050;

describe('envelope (Tone.Envelope semantics)', () => {
  const env = { attack: 0.1, decay: 0.2, sustain: 0.5, release: 0.3 };

  it('ramps linearly to the velocity, decays to sustain and releases to silence', () => {
    expect(heldLevel(env, 0.8, 0.05, 1 / SR)).toBeCloseTo(0.4, 6);
    expect(heldLevel(env, 0.8, 0.1 + 0.2, 1 / SR)).toBeCloseTo(0.4, 6);
    expect(heldLevel(env, 0.8, 2, 1 / SR)).toBeCloseTo(0.4, 9);
    const out = new Float32Array(Math.round(1.4 * SR));
    writeAdsr(out, env, 0.8, 1, SR);
    for (const t of [0.02, 0.1, 0.15, 0.25, 0.5, 0.99]) expect(out[Math.round(t * SR)]).toBeCloseTo(heldLevel(env, 0.8, Math.round(t * SR) / SR, 1 / SR), 4);
    // release: Tone's approach reaches 0 exactly at note-off + release
    expect(out[Math.round(1.15 * SR)]).toBeCloseTo(approachValue(0.4, 0, 0.3, 0.15), 4);
    expect(out[Math.round(1.3 * SR) - 1]).toBeLessThan(1e-4);
    expect(out[Math.round(1.3 * SR) + 1]).toBe(0);
  });

  it('releases from the level reached when the key is let go mid-attack', () => {
    const out = new Float32Array(Math.round(0.4 * SR));
    writeAdsr(out, env, 1, 0.05, SR);
    expect(out[Math.round(0.05 * SR)]).toBeCloseTo(0.5, 3);
    expect(Math.max(...out)).toBeLessThanOrEqual(0.501);
  });
});

describe('wavetable oscillator tables', () => {
  it('hold no partial above Nyquist for the tone they are built for', () => {
    const frequency = 3000;
    const table = wavetableFor('sawtooth', frequency, SR);
    const fft = realFft(TABLE_SIZE);
    const re = new Float64Array(fft.bins);
    const im = new Float64Array(fft.bins);
    fft.forward(table.subarray(0, TABLE_SIZE), re, im);
    const allowed = Math.floor(SR / 2 / frequency);
    expect(Math.hypot(re[1], im[1])).toBeGreaterThan(100);
    for (let k = allowed + 1; k < 64; k++) expect(Math.hypot(re[k], im[k])).toBeLessThan(1e-3);
    expect(table[TABLE_SIZE]).toBe(table[0]);
  });

  it('peak near 1 for every type at a low pitch', () => {
    for (const type of ['sine', 'triangle', 'sawtooth', 'square'] as const) {
      const table = wavetableFor(type, 55, 44100);
      expect(Math.max(...table.map(Math.abs))).toBeGreaterThan(0.95);
      expect(Math.max(...table.map(Math.abs))).toBeLessThanOrEqual(1.0001);
    }
  });
});

describe('low-pass filter', () => {
  function toneThrough(frequency: number): number {
    const x = new Float32Array(SR);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin((2 * Math.PI * frequency * i) / SR);
    lowpassInPlace(x, 1000, 1, SR);
    return rms(x, SR / 2) / Math.SQRT1_2;
  }

  it('passes tones below the cutoff and falls 12 dB per octave above it', () => {
    expect(toneThrough(100)).toBeCloseTo(1, 1);
    const octave1 = 20 * Math.log10(toneThrough(4000));
    const octave2 = 20 * Math.log10(toneThrough(8000));
    expect(octave1).toBeLessThan(-20);
    expect(octave1 - octave2).toBeGreaterThan(10);
  });
});

describe('multisamples', () => {
  it('pick the nearest root like Tone.Sampler, preferring the one above on a tie', () => {
    expect(sampleRoots('keys')).toContain(60);
    expect(nearestRoot('keys', 60)).toBe(60);
    expect(nearestRoot('keys', 61)).toBe(60);
    expect(nearestRoot('keys', 62)).toBe(63);
    expect(nearestRoot('keys', 0)).toBe(21);
    expect(nearestRoot('drums', 38)).toBe(38);
  });

  it('synthesise each root once, non-silent, peaking at 0.8, identical on every call', () => {
    const a = rootSample('pluck', 60, SR);
    expect(rootSample('pluck', 60, SR)).toBe(a);
    expect(Math.max(...a.map(Math.abs))).toBeCloseTo(0.8, 5);
    expect(rms(a, 0, SR / 4)).toBeGreaterThan(0.05);
    const snare = rootSample('drums', 38, SR);
    expect(rms(snare, 0, SR / 20)).toBeGreaterThan(0.05);
  });

  it('synthesised in steps (live playback pauses between them), a root is the same samples, pausing at least once per partial', async () => {
    let pauses = 0;
    const pause = (): Promise<void> => {
      pauses++;
      return Promise.resolve();
    };
    const stepped = await rootSampleInSteps('bell', 72, SR, pause);
    const steps = pauses;
    expect(steps).toBeGreaterThanOrEqual(5); // the bell's five partials, each in blocks
    expect(stepped).toEqual(synthesisePitched('bell', 440 * Math.pow(2, (72 - 69) / 12), SR));
    expect(rootSample('bell', 72, SR)).toBe(stepped); // cached: the sync path shares it
    expect(await rootSampleInSteps('bell', 72, SR, pause)).toBe(stepped);
    expect(pauses).toBe(steps); // cached: no steps the second time
  });
});
