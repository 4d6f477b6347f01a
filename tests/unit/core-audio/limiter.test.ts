import { describe, expect, it } from 'vitest';
import { dbToGain, isSilent, limit, peakDb, prepareForExport, rmsDb, type AudioData } from '../../../src/core/audio/index.ts';

const RATE = 44100;

/** A 440 Hz sine whose amplitude is `loud` between `from` and `to` seconds and `quiet` elsewhere. */
function burst(quiet: number, loud: number, from: number, to: number, seconds = 1): Float32Array {
  return Float32Array.from({ length: RATE * seconds }, (_, i) => {
    const t = i / RATE;
    return (t >= from && t < to ? loud : quiet) * Math.sin(2 * Math.PI * 440 * t);
  });
}

function mono(samples: Float32Array): AudioData {
  return { sampleRate: RATE, channels: [samples] };
}

/** Gain the limiter applied at sample i (input and output share sign). */
const gainAt = (input: Float32Array, output: Float32Array, i: number): number => output[i] / input[i];

describe('level measurements', () => {
  it('reads a full-scale sine as 0 dBFS peak and −3.01 dBFS RMS', () => {
    const sine = mono(burst(1, 1, 0, 1));
    expect(peakDb(sine)).toBeCloseTo(0, 3);
    expect(rmsDb(sine)).toBeCloseTo(-3.01, 2);
  });

  it('calls digital silence and dither-level noise silent, a quiet tone not', () => {
    expect(peakDb(mono(new Float32Array(100)))).toBe(-Infinity);
    expect(isSilent(mono(new Float32Array(100)))).toBe(true);
    expect(isSilent(mono(burst(1 / 32768, 1 / 32768, 0, 1)))).toBe(true);
    expect(isSilent(mono(burst(0.001, 0.001, 0, 1)))).toBe(false);
  });
});

describe('look-ahead limiter', () => {
  it('brings a +6 dBFS sine under the ceiling with its shape kept', () => {
    const input = burst(2, 2, 0, 1);
    const output = limit(mono(input), { ceilingDb: -1 }).channels[0];
    expect(peakDb(mono(input))).toBeCloseTo(6.02, 2);
    expect(peakDb(mono(output))).toBeLessThanOrEqual(-1);
    // Past the first attack the gain is one constant: a pure gain change, no distortion.
    const expected = dbToGain(-1) / 2;
    for (let i = 1000; i < input.length; i += 37) {
      if (Math.abs(input[i]) > 0.1) expect(gainAt(input, output, i)).toBeCloseTo(expected, 4);
    }
  });

  it('turns down only around a loud burst, ramping before it and recovering after', () => {
    const input = burst(0.1, 2, 0.4, 0.6);
    const output = limit(mono(input), { ceilingDb: -1, lookaheadMs: 5, releaseMs: 50 }).channels[0];
    expect(peakDb(mono(output))).toBeLessThanOrEqual(-1);
    const start = Math.round(0.4 * RATE);
    // Untouched until the look-ahead window reaches the burst.
    for (let i = 10; i < start - 230; i += 11) expect(output[i]).toBe(input[i]);
    // Already reduced just before the burst (look-ahead), never a jump from 1 to the target.
    expect(gainAt(input, output, start - 100)).toBeLessThan(0.99);
    expect(gainAt(input, output, start - 100)).toBeGreaterThan(dbToGain(-1) / 2);
    // Back near unity 0.3 s after the burst (six release time constants).
    expect(gainAt(input, output, Math.round(0.9 * RATE) + 25)).toBeGreaterThan(0.99);
  });

  it('applies one gain to all channels so the stereo image holds', () => {
    const left = burst(0.5, 2, 0.2, 0.3);
    const right = left.map((v) => v * 0.25);
    const [outLeft, outRight] = limit({ sampleRate: RATE, channels: [left, right] }).channels;
    for (let i = 5; i < left.length; i += 101) expect(outRight[i]).toBeCloseTo(outLeft[i] * 0.25, 6);
  });
});

describe('prepareForExport', () => {
  it('leaves audio under the ceiling exactly as it is, and never mutates its input', () => {
    const input = burst(0.5, 0.5, 0, 1);
    const copy = input.slice();
    const out = prepareForExport(mono(input));
    const same = (a: Float32Array, b: Float32Array): boolean => a.length === b.length && a.every((v, i) => v === b[i]);
    expect(same(out.channels[0], input)).toBe(true);
    expect(out.channels[0]).not.toBe(input);
    const hot = burst(3, 3, 0, 1);
    const hotCopy = hot.slice();
    prepareForExport(mono(hot));
    expect(same(hot, hotCopy)).toBe(true);
    expect(same(input, copy)).toBe(true);
  });

  it('limits hot audio to the ceiling and can normalise quiet audio up to it', () => {
    expect(peakDb(prepareForExport(mono(burst(0.1, 3, 0.5, 0.6)), { ceilingDb: -0.3 }))).toBeLessThanOrEqual(-0.3);
    const normalised = prepareForExport(mono(burst(0.1, 0.1, 0, 1)), { ceilingDb: -1, normalize: true });
    expect(peakDb(normalised)).toBeCloseTo(-1, 3);
    expect(peakDb(normalised)).toBeLessThanOrEqual(-1);
  });
});
