import { describe, expect, it } from 'vitest';
import { resample, resampleChannel } from '../../../src/core/audio/index.ts';
import { AleaError } from '../../../src/core/errors.ts';

function tone(sampleRate: number, frequency: number, seconds: number, amplitude = 1): Float32Array {
  return Float32Array.from({ length: Math.round(sampleRate * seconds) }, (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate));
}

/** Amplitude of the `frequency` component over the middle half (projection onto sin and cos). */
function componentAmplitude(signal: Float32Array, sampleRate: number, frequency: number): number {
  const periods = Math.floor((signal.length / 2) * (frequency / sampleRate));
  const count = Math.round((periods * sampleRate) / frequency);
  const start = Math.floor(signal.length / 4);
  let s = 0;
  let c = 0;
  for (let i = start; i < start + count; i++) {
    const angle = (2 * Math.PI * frequency * i) / sampleRate;
    s += signal[i] * Math.sin(angle);
    c += signal[i] * Math.cos(angle);
  }
  return (2 / count) * Math.hypot(s, c);
}

/** Frequency from the interval between the first and last upward zero crossing of the middle half. */
function zeroCrossingFrequency(signal: Float32Array, sampleRate: number): number {
  const crossings: number[] = [];
  for (let i = Math.floor(signal.length / 4); i < (3 * signal.length) / 4; i++) {
    if (signal[i - 1] < 0 && signal[i] >= 0) crossings.push(i - 1 + signal[i - 1] / (signal[i - 1] - signal[i]));
  }
  return ((crossings.length - 1) * sampleRate) / (crossings[crossings.length - 1] - crossings[0]);
}

function rmsOfMiddle(signal: Float32Array): number {
  let sum = 0;
  const from = Math.floor(signal.length / 4);
  const to = Math.floor((3 * signal.length) / 4);
  for (let i = from; i < to; i++) sum += signal[i] * signal[i];
  return Math.sqrt(sum / (to - from));
}

const db = (ratio: number): number => 20 * Math.log10(ratio);

describe('resample', () => {
  it('keeps a 1 kHz sine at 1 kHz and its amplitude within ±0.1 dB from 44.1 to 48 kHz', () => {
    const out = resampleChannel(tone(44100, 1000, 0.5, 0.5), 44100, 48000);
    expect(out.length).toBe(24000);
    expect(zeroCrossingFrequency(out, 48000)).toBeCloseTo(1000, 1);
    expect(Math.abs(db(componentAmplitude(out, 48000, 1000) / 0.5))).toBeLessThan(0.1);
  });

  it('is as accurate going down, and for a ratio with no small fraction (44100 → 44101)', () => {
    for (const [from, to] of [[48000, 44100], [96000, 22050], [44100, 44101]]) {
      const out = resampleChannel(tone(from, 1000, 0.25), from, to);
      expect(Math.abs(db(componentAmplitude(out, to, 1000)))).toBeLessThan(0.1);
      expect(zeroCrossingFrequency(out, to)).toBeCloseTo(1000, 1);
    }
  });

  it('removes, rather than folds back, a tone above the new Nyquist (≥ 60 dB down)', () => {
    // 15 kHz at 48 kHz → 22.05 kHz would alias to 7.05 kHz; 23 kHz → 44.1 kHz would alias to 21.1 kHz.
    for (const [from, to, frequency] of [[48000, 22050, 15000], [48000, 44100, 23000], [96000, 44100, 30000]]) {
      const out = resampleChannel(tone(from, frequency, 0.25), from, to);
      expect(db(rmsOfMiddle(out) / Math.SQRT1_2)).toBeLessThan(-60);
    }
  });

  it('adds no mirror image when upsampling', () => {
    const out = resampleChannel(tone(22050, 10000, 0.25), 22050, 44100);
    expect(Math.abs(db(componentAmplitude(out, 44100, 10000)))).toBeLessThan(0.1);
    expect(db(componentAmplitude(out, 44100, 12050))).toBeLessThan(-60);
  });

  it('resamples each channel on its own and keeps silence silent', () => {
    const audio = { sampleRate: 44100, channels: [tone(44100, 440, 0.1), new Float32Array(4410)] };
    const out = resample(audio, 16000);
    expect(out.sampleRate).toBe(16000);
    expect(out.channels.map((c) => c.length)).toEqual([1600, 1600]);
    expect(out.channels[1].every((v) => v === 0)).toBe(true);
    expect(Math.abs(db(componentAmplitude(out.channels[0], 16000, 440)))).toBeLessThan(0.1);
  });

  it('returns copies at the same rate and refuses impossible rates', () => {
    const audio = { sampleRate: 44100, channels: [tone(44100, 440, 0.01)] };
    const same = resample(audio, 44100);
    expect(same.channels[0]).toEqual(audio.channels[0]);
    expect(same.channels[0]).not.toBe(audio.channels[0]);
    expect(() => resample(audio, 0)).toThrow(AleaError);
    expect(() => resample(audio, 44100.5)).toThrow(/whole number/);
  });
});
