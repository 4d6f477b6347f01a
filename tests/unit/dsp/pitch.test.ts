import { describe, expect, it } from 'vitest';
import { detectOnset, detectPitch, midiToHz } from '../../../src/core/dsp/pitch.ts';

type Timbre = 'sine' | 'sawtooth' | 'missing-fundamental';

/** A tone of `seconds` after `leadSeconds` of silence, with a 10 ms attack and a slow decay. */
function tone(timbre: Timbre, midi: number, sampleRate: number, seconds = 0.8, leadSeconds = 0): Float32Array {
  const f0 = midiToHz(midi);
  const lead = Math.round(leadSeconds * sampleRate);
  const out = new Float32Array(lead + Math.round(seconds * sampleRate));
  const harmonics = timbre === 'sine' ? [1] : timbre === 'sawtooth' ? range(1, 30) : range(2, 10);
  for (let i = 0; i < out.length - lead; i++) {
    const t = i / sampleRate;
    const envelope = Math.min(1, t / 0.01) * Math.exp(-t * 1.5);
    let v = 0;
    for (const k of harmonics) if (k * f0 < sampleRate / 2) v += Math.sin(2 * Math.PI * k * f0 * t) / k;
    out[lead + i] = 0.3 * envelope * v;
  }
  return out;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Deterministic white noise (a linear congruential generator). */
function noise(length: number, amplitude: number, seed = 1): Float32Array {
  const out = new Float32Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    out[i] = amplitude * (state / 2 ** 31 - 1);
  }
  return out;
}

describe('detectPitch', () => {
  const cases: [Timbre, number[]][] = [
    ['sine', [28, 40, 52, 60, 69, 81, 96, 105]],
    ['sawtooth', [28, 40, 52, 60, 69, 81, 96]],
    ['missing-fundamental', [40, 52, 60, 69, 81]],
  ];
  for (const sampleRate of [16000, 44100]) {
    for (const [timbre, pitches] of cases) {
      it(`finds the MIDI pitch of a ${timbre} at ${sampleRate} Hz`, () => {
        for (const midi of pitches) {
          const estimate = detectPitch(tone(timbre, midi, sampleRate), sampleRate);
          expect(estimate, `${timbre} ${midi}`).not.toBeNull();
          expect(estimate?.midi, `${timbre} ${midi}`).toBe(midi);
          expect(Math.abs((estimate?.hz ?? 0) / midiToHz(midi) - 1)).toBeLessThan(0.01);
          expect(estimate?.clarity).toBeGreaterThanOrEqual(0.9);
        }
      });
    }
  }

  it('finds the pitch after leading silence, and a quarter tone off rounds to the nearest', () => {
    expect(detectPitch(tone('sawtooth', 57, 16000, 0.8, 0.4), 16000)?.midi).toBe(57);
    const sharp = detectPitch(tone('sine', 60.3, 16000), 16000);
    expect(sharp?.midi).toBe(60);
    expect(sharp?.hz).toBeGreaterThan(midiToHz(60.2));
  });

  it('says there is no pitch in noise, silence, NaN or a too-short signal', () => {
    expect(detectPitch(noise(16000, 0.5), 16000)).toBeNull();
    expect(detectPitch(new Float32Array(16000), 16000)).toBeNull();
    expect(detectPitch(new Float32Array(16000).fill(Number.NaN), 16000)).toBeNull();
    expect(detectPitch(tone('sine', 60, 16000, 0.02), 16000)).toBeNull();
  });
});

describe('detectOnset', () => {
  it('finds where a note starts after silence, within 10 ms', () => {
    for (const lead of [0, 0.1, 0.37]) {
      const onset = detectOnset(tone('sawtooth', 60, 16000, 0.5, lead), 16000);
      expect(onset).not.toBeNull();
      expect(Math.abs((onset ?? -1) - lead)).toBeLessThan(0.01);
    }
  });

  it('finds the start of a note over a noise floor 50 dB below it', () => {
    const note = tone('sine', 69, 22050, 0.5, 0.25);
    const hiss = noise(note.length, 0.001, 7);
    for (let i = 0; i < note.length; i++) note[i] += hiss[i];
    const onset = detectOnset(note, 22050);
    expect(Math.abs((onset ?? -1) - 0.25)).toBeLessThan(0.015);
  });

  it('finds the start of a slow fade-in (a pad), not the point where it gets loud', () => {
    const pad = tone('sawtooth', 57, 16000, 1.5, 0.2);
    const start = Math.round(0.2 * 16000);
    for (let i = 0; i < 0.4 * 16000; i++) pad[start + i] *= i / (0.4 * 16000);
    const onset = detectOnset(pad, 16000);
    expect(Math.abs((onset ?? -1) - 0.2)).toBeLessThan(0.03);
  });

  it('returns null for silence and for an empty signal', () => {
    expect(detectOnset(new Float32Array(8000), 16000)).toBeNull();
    expect(detectOnset(new Float32Array(0), 16000)).toBeNull();
  });
});
