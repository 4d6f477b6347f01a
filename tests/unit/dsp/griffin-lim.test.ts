import { describe, expect, it } from 'vitest';
import { griffinLim, spectralConvergence, stft, stftMagnitudes } from '../../../src/core/dsp/index.ts';

const sampleRate = 16000;
const options = { nFft: 512, hop: 128 };
// Half a second of a rising chirp (200 → 1000 Hz) over a two-partial tone at 440 Hz.
const signal = Float32Array.from({ length: 8000 }, (_, i) => {
  const t = i / sampleRate;
  return 0.5 * Math.sin(2 * Math.PI * (200 * t + 800 * t * t)) + 0.2 * Math.sin(2 * Math.PI * 440 * t) + 0.1 * Math.sin(2 * Math.PI * 880 * t);
});
const target = stftMagnitudes(stft(signal, options));

function convergence(iterations: number, momentum: number, seed = 0): number {
  const out = griffinLim(target, { ...options, iterations, momentum, seed, length: signal.length });
  return spectralConvergence(target, out, options);
}

describe('Griffin-Lim phase reconstruction', () => {
  it('starts far from the target with random phase and gets under 0.1 spectral convergence', () => {
    expect(convergence(0, 0.99)).toBeGreaterThan(0.4);
    expect(convergence(64, 0.99)).toBeLessThan(0.1);
  });

  it('improves with more iterations', () => {
    const scores = [4, 16, 48].map((n) => convergence(n, 0.99));
    expect(scores[1]).toBeLessThan(scores[0]);
    expect(scores[2]).toBeLessThan(scores[1]);
  });

  it('converges faster with momentum than plain Griffin-Lim', () => {
    const fast = convergence(32, 0.99);
    expect(fast).toBeLessThan(convergence(32, 0));
    // …and beats plain Griffin-Lim run for twice as long.
    expect(fast).toBeLessThan(convergence(64, 0));
  });

  it('gives the same samples for the same seed and different ones for another', () => {
    const run = (seed: number): Float32Array => griffinLim(target, { ...options, iterations: 4, seed });
    const a = run(1);
    const same = (x: Float32Array, y: Float32Array): boolean => x.length === y.length && x.every((v, i) => v === y[i]);
    expect(a.length).toBe((target.length - 1) * options.hop);
    expect(same(run(1), a)).toBe(true);
    expect(same(run(2), a)).toBe(false);
  });

  it('reports progress once per iteration and refuses mismatched frames', () => {
    const seen: number[] = [];
    griffinLim(target, { ...options, iterations: 3, onIteration: (done) => seen.push(done) });
    expect(seen).toEqual([1, 2, 3]);
    expect(() => griffinLim([new Float32Array(100)], { ...options })).toThrow(/100 bins, expected 257/);
  });
});
