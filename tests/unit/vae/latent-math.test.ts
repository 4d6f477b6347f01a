import { describe, expect, it } from 'vitest';
import { lerpLatent, morphLatent, padLatent, slerpLatent } from '../../../src/ml/vae/latent-math.ts';

const a = Float32Array.from([1, 0, 0]);
const b = Float32Array.from([0, 2, 0]);
const norm = (v: Float32Array): number => Math.hypot(...v);

describe('latent paths', () => {
  it('linear and spherical paths start at a and end at b', () => {
    for (const path of ['linear', 'spherical'] as const) {
      expect(Array.from(morphLatent(a, b, 0, path))).toEqual([1, 0, 0]);
      const end = morphLatent(a, b, 1, path);
      expect(end[0]).toBeCloseTo(0, 6);
      expect(end[1]).toBeCloseTo(2, 6);
    }
  });

  it('the straight line halves; the great circle keeps the norm where the line sags', () => {
    expect(Array.from(lerpLatent(a, b, 0.5))).toEqual([0.5, 1, 0]);
    const mid = slerpLatent(Float32Array.from([1, 0]), Float32Array.from([0, 1]), 0.5);
    expect(norm(mid)).toBeCloseTo(1, 5);
    expect(norm(lerpLatent(Float32Array.from([1, 0]), Float32Array.from([0, 1]), 0.5))).toBeCloseTo(Math.SQRT1_2, 5);
  });

  it('falls back to the line for parallel or zero latents, and refuses t outside 0..1 and mismatched sizes', () => {
    expect(Array.from(slerpLatent(a, Float32Array.from([2, 0, 0]), 0.5))).toEqual([1.5, 0, 0]);
    expect(Array.from(slerpLatent(new Float32Array(3), b, 0.5))).toEqual([0, 1, 0]);
    expect(() => morphLatent(a, b, 1.5)).toThrow(/within 0\.\.1/);
    expect(() => lerpLatent(a, Float32Array.from([1]), 0.5)).toThrow(/differ in size/);
  });

  it('a pad puts each sound at its corner and morphs along the edges', () => {
    const corners: [Float32Array, Float32Array, Float32Array, Float32Array] = [Float32Array.of(0), Float32Array.of(1), Float32Array.of(2), Float32Array.of(4)];
    expect(padLatent(corners, 0, 0)[0]).toBe(0);
    expect(padLatent(corners, 1, 0)[0]).toBe(1);
    expect(padLatent(corners, 0, 1)[0]).toBe(2);
    expect(padLatent(corners, 1, 1)[0]).toBe(4);
    expect(padLatent(corners, 0.5, 1)[0]).toBe(3);
    expect(padLatent(corners, 0.5, 0.5)[0]).toBeCloseTo(1.75, 6);
    expect(() => padLatent(corners, -0.1, 0)).toThrow(/pad position/);
  });
});
