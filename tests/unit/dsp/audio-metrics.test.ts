import { describe, expect, it } from 'vitest';
import {
  logMelMean,
  logSpectralDistance,
  loudnessNormalise,
  morphSmoothness,
  multiScaleSpectralDistance,
  spectralConvergence,
} from '../../../src/core/dsp/audio-metrics.ts';

const RATE = 16000;

function harmonicTone(f0: number, seconds: number, harmonics: number[], amplitude = 0.3): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i++) {
    let v = 0;
    for (const k of harmonics) if (k * f0 < RATE / 2) v += Math.sin((2 * Math.PI * k * f0 * i) / RATE) / k;
    out[i] = amplitude * v;
  }
  return out;
}

function noise(length: number, amplitude: number, seed = 3): Float32Array {
  const out = new Float32Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    out[i] = amplitude * (state / 2 ** 31 - 1);
  }
  return out;
}

function scaled(x: Float32Array, gain: number): Float32Array {
  return x.map((v) => v * gain);
}

function added(x: Float32Array, y: Float32Array): Float32Array {
  return x.map((v, i) => v + y[i]);
}

const saw = harmonicTone(220, 1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
const sine = harmonicTone(220, 1, [1]);
const octaveUp = harmonicTone(440, 1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
// the same sawtooth with its second harmonic 2 dB louder: a near miss
const nearSaw = added(saw, harmonicTone(220, 1, [2], 0.3 * 0.26));

describe('logSpectralDistance', () => {
  it('is 0 for identical signals and for a louder copy', () => {
    expect(logSpectralDistance(saw, saw, RATE)).toBe(0);
    expect(logSpectralDistance(saw, scaled(saw, 4), RATE)).toBeLessThan(1e-3);
  });

  it('is large for different timbres and pitches, small for a near miss', () => {
    const near = logSpectralDistance(saw, nearSaw, RATE);
    const timbre = logSpectralDistance(saw, sine, RATE);
    const pitch = logSpectralDistance(saw, octaveUp, RATE);
    expect(near).toBeGreaterThan(0);
    expect(near).toBeLessThan(timbre / 3);
    expect(timbre).toBeGreaterThan(10);
    expect(pitch).toBeGreaterThan(10);
    expect(logSpectralDistance(saw, noise(saw.length, 0.3), RATE)).toBeGreaterThan(10);
  });

  it('is symmetric and stays finite against silence', () => {
    expect(logSpectralDistance(saw, sine, RATE)).toBeCloseTo(logSpectralDistance(sine, saw, RATE), 6);
    const silent = logSpectralDistance(saw, new Float32Array(saw.length), RATE);
    expect(Number.isFinite(silent)).toBe(true);
    expect(silent).toBeGreaterThan(30);
  });
});

describe('spectralConvergence', () => {
  it('is 0 for a louder copy after normalisation and not without it', () => {
    expect(spectralConvergence(saw, scaled(saw, 0.5))).toBeLessThan(1e-5);
    expect(spectralConvergence(saw, scaled(saw, 0.5), { normalise: false })).toBeCloseTo(0.5, 3);
  });

  it('ranks a near miss closer than another timbre', () => {
    expect(spectralConvergence(saw, nearSaw)).toBeLessThan(spectralConvergence(saw, sine));
  });
});

describe('multiScaleSpectralDistance', () => {
  it('is 0 for identical and louder copies, larger for another pitch than for a near miss', () => {
    expect(multiScaleSpectralDistance(saw, saw)).toBe(0);
    expect(multiScaleSpectralDistance(saw, scaled(saw, 3))).toBeLessThan(1e-3);
    expect(multiScaleSpectralDistance(saw, nearSaw)).toBeLessThan(multiScaleSpectralDistance(saw, octaveUp));
  });

  it('gives comparable figures for 1 s and 2 s of the same steady sounds', () => {
    const long = multiScaleSpectralDistance(harmonicTone(220, 2, [1, 2, 3]), harmonicTone(330, 2, [1, 2, 3]));
    const short = multiScaleSpectralDistance(harmonicTone(220, 1, [1, 2, 3]), harmonicTone(330, 1, [1, 2, 3]));
    expect(Math.abs(long / short - 1)).toBeLessThan(0.1);
  });
});

describe('logMelMean and morphSmoothness', () => {
  it('logMelMean ignores loudness and tells timbres apart', () => {
    const a = logMelMean(saw, RATE);
    const b = logMelMean(scaled(saw, 0.1), RATE);
    expect(a.length).toBe(64);
    for (let m = 0; m < a.length; m++) expect(Math.abs(a[m] - b[m])).toBeLessThan(1e-2);
    const c = logMelMean(sine, RATE);
    expect(Math.max(...a.map((v, m) => Math.abs(v - c[m])))).toBeGreaterThan(20);
  });

  it('scores even straight paths 1/1, a jump above 1.5 and a detour below 1', () => {
    const even = [0, 1, 2, 3, 4].map((t) => Float32Array.from([t, 2 * t]));
    expect(morphSmoothness(even).jumpRatio).toBeCloseTo(1, 6);
    expect(morphSmoothness(even).pathEfficiency).toBeCloseTo(1, 6);
    const jump = [0, 0.1, 0.2, 3.8, 3.9, 4].map((t) => Float32Array.from([t]));
    expect(morphSmoothness(jump).jumpRatio).toBeGreaterThan(1.5);
    const detour = [[0, 0], [1, 2], [2, 0]].map((p) => Float32Array.from(p));
    expect(morphSmoothness(detour).pathEfficiency).toBeLessThan(0.5);
    expect(() => morphSmoothness([Float32Array.from([1])])).toThrow(/at least 2/);
  });

  it('a crossfade between two timbres moves through logMelMean unevenly', () => {
    const features = [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1].map((t) => logMelMean(added(scaled(saw, 1 - t), scaled(octaveUp, t)), RATE));
    expect(morphSmoothness(features).jumpRatio).toBeGreaterThan(1.2);
  });
});

describe('loudnessNormalise', () => {
  it('leaves silence silent and scales sound to the same level', () => {
    expect(loudnessNormalise(new Float32Array(10)).every((v) => v === 0)).toBe(true);
    const a = loudnessNormalise(saw);
    const b = loudnessNormalise(scaled(saw, 7));
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeLessThan(1e-6);
  });
});
