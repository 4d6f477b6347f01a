import { describe, expect, it } from 'vitest';
import { createRng, restoreRng, seedFor } from '../../../src/ml/runtime/rng.ts';

const draw = (n: number, f: () => number): number[] => Array.from({ length: n }, f);

describe('createRng', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const first = draw(20, () => a.next());
    expect(draw(20, () => b.next())).toEqual(first);
    expect(draw(20, () => createRng(43).next())).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws integers in range, normals with mean 0 and variance 1, and shuffles into a permutation', () => {
    const rng = createRng(1);
    const ints = draw(2000, () => rng.int(7));
    expect(new Set(ints)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
    const normals = draw(20000, () => rng.normal());
    const mean = normals.reduce((s, x) => s + x, 0) / normals.length;
    const variance = normals.reduce((s, x) => s + (x - mean) ** 2, 0) / normals.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng.shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
    expect(() => rng.int(0)).toThrow(RangeError);
  });

  it('forks by label, independent of how far the parent has drawn', () => {
    const a = createRng(5);
    const b = createRng(5);
    draw(10, () => b.next());
    expect(draw(5, () => a.fork('dropout').next())).toEqual(draw(5, () => b.fork('dropout').next()));
    expect(a.fork('dropout').next()).not.toBe(a.fork('init').next());
  });

  it('continues exactly from a saved state', () => {
    const rng = createRng('song');
    draw(7, () => rng.next());
    const state = rng.state();
    const rest = draw(10, () => rng.next());
    const restored = restoreRng('song', state);
    expect(draw(10, () => restored.next())).toEqual(rest);
    expect(restored.fork('x').next()).toBe(createRng('song').fork('x').next());
  });
});

describe('seedFor', () => {
  it('gives each (seed, step, k) its own repeatable 31-bit seed', () => {
    expect(seedFor(1, 10, 0)).toBe(seedFor(1, 10, 0));
    const seeds = new Set([seedFor(1, 10, 0), seedFor(1, 10, 1), seedFor(1, 11, 0), seedFor(2, 10, 0)]);
    expect(seeds.size).toBe(4);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 31).toBe(true);
  });
});
