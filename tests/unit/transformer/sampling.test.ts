import { describe, expect, it } from 'vitest';
import type { Rng, RngState } from '../../../src/ml/runtime/rng.ts';
import { sampleToken, type SamplingOptions } from '../../../src/ml/transformer/decode/sampling.ts';

/**
 * sampleToken walks the candidates (most likely first) with one uniform draw. Feeding it the
 * draws (i + 0.5) / N for i < N makes the share of each token its probability within 1/N, with
 * no randomness in the test: the shares below are exact distributions, not estimates.
 */
class GridRng implements Rng {
  calls = 0;
  constructor(private readonly draws: number[]) {}
  next(): number {
    return this.draws[this.calls++ % this.draws.length];
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  normal(): number {
    throw new Error('sampling draws uniforms only');
  }
  shuffle<T>(items: T[]): T[] {
    return items;
  }
  fork(): Rng {
    return this;
  }
  state(): RngState {
    return { c: 0, s0: 0, s1: 0, s2: 0 };
  }
}

const N = 4000;
const grid = (): GridRng => new GridRng(Array.from({ length: N }, (_, i) => (i + 0.5) / N));

function shares(logits: number[], options: SamplingOptions, allowed: Uint8Array | null = null): number[] {
  const rng = grid();
  const counts = new Array<number>(logits.length).fill(0);
  for (let i = 0; i < N; i++) counts[sampleToken(logits, allowed, options, rng)] += 1;
  return counts.map((c) => c / N);
}

function softmax(logits: number[], temperature: number): number[] {
  const top = Math.max(...logits);
  const w = logits.map((l) => Math.exp((l - top) / temperature));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

function expectShares(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i])).toBeLessThanOrEqual(2 / N));
}

const logits = [2, 1, 0, -1];

describe('sampleToken', () => {
  it('at temperature 1 draws from the model’s own distribution (softmax of the logits)', () => {
    expectShares(shares(logits, { temperature: 1 }), softmax(logits, 1));
  });

  it('divides the logits by the temperature: below 1 sharpens, above 1 flattens', () => {
    const cold = shares(logits, { temperature: 0.5 });
    const hot = shares(logits, { temperature: 2 });
    expectShares(cold, softmax(logits, 0.5));
    expectShares(hot, softmax(logits, 2));
    // what a musician relies on: lower temperature, safer choices
    expect(cold[0]).toBeGreaterThan(softmax(logits, 1)[0] + 0.1);
    expect(hot[0]).toBeLessThan(softmax(logits, 1)[0] - 0.1);
  });

  it('at temperature 0 always takes the most likely token, the lowest id among equals', () => {
    expect(shares([1, 3, 3, 0], { temperature: 0 })).toEqual([0, 1, 0, 0]);
  });

  it('with top-k keeps only the k most likely tokens, in their relative proportions', () => {
    const top2 = shares(logits, { temperature: 1, topK: 2 });
    expectShares(top2, [...softmax([2, 1], 1), 0, 0]);
    expect(shares(logits, { temperature: 1, topK: 1 })).toEqual([1, 0, 0, 0]);
    // 0 and a k above the vocabulary size mean no limit
    expectShares(shares(logits, { temperature: 1, topK: 0 }), softmax(logits, 1));
    expectShares(shares(logits, { temperature: 1, topK: 10 }), softmax(logits, 1));
  });

  it('with top-p keeps the smallest set of most likely tokens whose probability reaches p', () => {
    // uniform over four: p = 0.5 is reached exactly by two tokens (ties: lower ids first)
    expectShares(shares([0, 0, 0, 0], { temperature: 1, topP: 0.5 }), [0.5, 0.5, 0, 0]);
    expectShares(shares([0, 0, 0, 0], { temperature: 1, topP: 0.51 }), [1 / 3, 1 / 3, 1 / 3, 0]);
    const p = softmax(logits, 1);
    // p[0] ≈ 0.64 < 0.8 ≤ p[0] + p[1] ≈ 0.88: two tokens, renormalised
    expectShares(shares(logits, { temperature: 1, topP: 0.8 }), [p[0] / (p[0] + p[1]), p[1] / (p[0] + p[1]), 0, 0]);
    expect(shares(logits, { temperature: 1, topP: 0.3 })).toEqual([1, 0, 0, 0]);
    expectShares(shares(logits, { temperature: 1, topP: 1 }), p);
  });

  it('applies top-p to the tempered distribution, after top-k', () => {
    const cold = softmax(logits, 0.5); // ≈ [0.87, 0.12, 0.02, 0.00]
    expect(shares(logits, { temperature: 0.5, topP: 0.85 })).toEqual([1, 0, 0, 0]);
    expectShares(shares(logits, { temperature: 0.5, topP: 0.9 }), [cold[0] / (cold[0] + cold[1]), cold[1] / (cold[0] + cold[1]), 0, 0]);
    expect(shares([0, 0, 0, 0], { temperature: 1, topK: 2, topP: 0.5 })).toEqual([1, 0, 0, 0]);
  });

  it('treats top-p 0, like top-k 0, as no limit', () => {
    expectShares(shares(logits, { temperature: 1, topP: 0 }), softmax(logits, 1));
  });

  it('gives a draw on the boundary between two tokens to the later one', () => {
    // two equal tokens: [0, 0.5) → the first, [0.5, 1) → the second
    expect(sampleToken([0, 0], null, { temperature: 1 }, new GridRng([0.5]))).toBe(1);
    expect(sampleToken([0, 0], null, { temperature: 1 }, new GridRng([0.4999]))).toBe(0);
  });

  it('never takes a masked token, even one a previous call allowed', () => {
    // the first call ranks all three (2, 1, 0); the second may only take token 0
    expect(sampleToken([0, 1, 9], null, { temperature: 1, topK: 1 }, grid())).toBe(2);
    expect(sampleToken([0, 1, 9], Uint8Array.of(1, 0, 0), { temperature: 0 }, grid())).toBe(0);
    expect(sampleToken([0, 1, 9], Uint8Array.of(1, 1, 0), { temperature: 0 }, grid())).toBe(1);
  });

  it('draws only allowed, finite tokens, and returns -1 when none is left', () => {
    const allowed = Uint8Array.of(0, 1, 1, 1);
    expectShares(shares(logits, { temperature: 1 }, allowed), [0, ...softmax([1, 0, -1], 1)]);
    expect(shares([Number.NaN, 0, Number.NEGATIVE_INFINITY, 0], { temperature: 1 })).toEqual([0, 0.5, 0, 0.5]);
    expect(sampleToken(logits, new Uint8Array(4), { temperature: 1 }, grid())).toBe(-1);
    expect(sampleToken(logits, Uint8Array.of(0, 0, 0, 1), { temperature: 0 }, grid())).toBe(3);
  });

  it('uses exactly one draw per call whatever the options, so a seed gives the same tokens', () => {
    for (const options of [{ temperature: 0 }, { temperature: 1 }, { temperature: 0.7, topK: 2 }, { temperature: 1.3, topP: 0.5 }]) {
      const rng = grid();
      for (let i = 0; i < 10; i++) sampleToken(logits, null, options, rng);
      expect(rng.calls).toBe(10);
    }
    const rng = grid();
    sampleToken(logits, new Uint8Array(4), { temperature: 1 }, rng);
    expect(rng.calls).toBe(1);
  });

  it('handles a vocabulary larger than its scratch buffers', () => {
    const big = Array.from({ length: 1000 }, (_, i) => (i === 777 ? 5 : 0));
    expect(sampleToken(big, null, { temperature: 0 }, grid())).toBe(777);
    expect(sampleToken(big, null, { temperature: 1, topK: 1 }, grid())).toBe(777);
  });
});
