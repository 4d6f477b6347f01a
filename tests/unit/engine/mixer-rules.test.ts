import { describe, expect, it } from 'vitest';
import { addPanned, audibleStrips, monoPanGains, stereoPanMatrix } from '../../../src/engine/mixer-rules.ts';

const strip = (mute: boolean, solo: boolean) => ({ mute, solo });

describe('audibleStrips (the one mute/solo rule)', () => {
  it('hears everything with no mute or solo', () => {
    expect(audibleStrips([strip(false, false), strip(false, false)])).toEqual([true, true]);
  });

  it('a solo silences every track that is not soloed', () => {
    expect(audibleStrips([strip(false, true), strip(false, false), strip(false, true)])).toEqual([true, false, true]);
  });

  it('mute wins over solo, and a muted solo still silences the others', () => {
    expect(audibleStrips([strip(true, true), strip(false, false)])).toEqual([false, false]);
    expect(audibleStrips([strip(true, false), strip(false, false)])).toEqual([false, true]);
  });
});

describe('the pan law (Web Audio StereoPannerNode)', () => {
  it('mono: equal power, −3 dB per side at centre, silent far side at the edges', () => {
    expect(monoPanGains(0)[0]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(monoPanGains(0)[1]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(monoPanGains(-1)).toEqual([1, 0]);
    const [l, r] = monoPanGains(1);
    expect(l).toBeCloseTo(0, 12);
    expect(r).toBe(1);
    // half right: x = 0.75 · π/2
    expect(monoPanGains(0.5)[0]).toBeCloseTo(Math.cos(0.375 * Math.PI), 12);
    expect(monoPanGains(0.5)[1]).toBeCloseTo(Math.sin(0.375 * Math.PI), 12);
    // constant power everywhere
    for (const pan of [-0.8, -0.3, 0.2, 0.9]) {
      const [a, b] = monoPanGains(pan);
      expect(a * a + b * b).toBeCloseTo(1, 12);
    }
  });

  it('stereo: centre passes both channels, hard left folds the right channel in with full gain', () => {
    const centre = stereoPanMatrix(0);
    expect(centre.leftToLeft).toBe(1);
    expect(centre.rightToLeft).toBeCloseTo(0, 12);
    expect(centre.leftToRight).toBe(0);
    expect(centre.rightToRight).toBe(1);
    const left = stereoPanMatrix(-1);
    expect(left.rightToLeft).toBe(1);
    expect(left.rightToRight).toBeCloseTo(0, 12);
    const halfRight = stereoPanMatrix(0.5);
    expect(halfRight.leftToLeft).toBeCloseTo(Math.cos(0.25 * Math.PI), 12);
    expect(halfRight.leftToRight).toBeCloseTo(Math.sin(0.25 * Math.PI), 12);
    expect(halfRight.rightToRight).toBe(1);
  });

  it('addPanned adds mono and stereo sources through gain and pan at an offset', () => {
    const bus: [Float32Array, Float32Array] = [new Float32Array(4), new Float32Array(4)];
    addPanned(bus, [new Float32Array([1, 1])], 0, 0.5, 1);
    expect(bus[0][0]).toBe(0);
    expect(bus[0][1]).toBeCloseTo(0.5 * Math.SQRT1_2, 6);
    expect(bus[1][2]).toBeCloseTo(0.5 * Math.SQRT1_2, 6);
    addPanned(bus, [new Float32Array([1]), new Float32Array([0.5])], -1, 1, 3);
    expect(bus[0][3]).toBeCloseTo(1.5, 6);
    expect(bus[1][3]).toBeCloseTo(0, 6);
  });
});
