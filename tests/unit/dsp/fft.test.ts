import { describe, expect, it } from 'vitest';
import { binAmplitude, hann, kaiser, magnitude, phase, RealFft, realFft } from '../../../src/core/dsp/index.ts';
import { AleaError } from '../../../src/core/errors.ts';

describe('real FFT', () => {
  it('puts a sine exactly on its bin with its amplitude and phase', () => {
    const n = 1024;
    const fft = new RealFft(n);
    const re = new Float64Array(fft.bins);
    const im = new Float64Array(fft.bins);
    // 0.7·cos(2π·37·i/n + 0.3): bin 37, amplitude 0.7, phase 0.3
    fft.forward(Float64Array.from({ length: n }, (_, i) => 0.7 * Math.cos((2 * Math.PI * 37 * i) / n + 0.3)), re, im);
    const mags = magnitude(re, im);
    let peak = 0;
    for (let k = 1; k < mags.length; k++) if (mags[k] > mags[peak]) peak = k;
    expect(peak).toBe(37);
    expect(binAmplitude(re[37], im[37], 37, n)).toBeCloseTo(0.7, 6);
    expect(phase(re, im)[37]).toBeCloseTo(0.3, 5);
    // Nothing leaks into other bins for a bin-centred tone.
    expect(Math.max(...mags.filter((_, k) => k !== 37))).toBeLessThan(1e-9);
  });

  it('turns an impulse into a flat spectrum and back', () => {
    const fft = realFft(256);
    const impulse = new Float64Array(256);
    impulse[0] = 1;
    const re = new Float64Array(129);
    const im = new Float64Array(129);
    fft.forward(impulse, re, im);
    for (let k = 0; k < 129; k++) {
      expect(re[k]).toBeCloseTo(1, 12);
      expect(im[k]).toBeCloseTo(0, 12);
    }
    const back = new Float64Array(256);
    fft.inverse(re, im, back);
    expect(back[0]).toBeCloseTo(1, 12);
    expect(Math.max(...back.subarray(1).map(Math.abs))).toBeLessThan(1e-12);
  });

  it('matches a direct DFT and inverts a random signal for every size from 4 to 2048', () => {
    for (let n = 4; n <= 2048; n *= 2) {
      const fft = new RealFft(n);
      const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 1.7) + ((i * 7919) % 13) / 13);
      const re = new Float64Array(fft.bins);
      const im = new Float64Array(fft.bins);
      fft.forward(x, re, im);
      for (const k of [0, 1, Math.floor(n / 3), n / 2]) {
        let dre = 0;
        let dim = 0;
        for (let j = 0; j < n; j++) {
          dre += x[j] * Math.cos((2 * Math.PI * k * j) / n);
          dim -= x[j] * Math.sin((2 * Math.PI * k * j) / n);
        }
        expect(re[k]).toBeCloseTo(dre, 8);
        expect(im[k]).toBeCloseTo(dim, 8);
      }
      const back = new Float64Array(n);
      fft.inverse(re, im, back);
      for (let j = 0; j < n; j++) expect(back[j]).toBeCloseTo(x[j], 10);
    }
  });

  it('refuses sizes that are not powers of two', () => {
    expect(() => new RealFft(1000)).toThrow(AleaError);
    expect(() => new RealFft(2)).toThrow(/power of two/);
  });
});

describe('windows', () => {
  it('makes a periodic Hann that overlap-adds to a constant at hop n/4, and a symmetric one that ends at 0', () => {
    const w = hann(64);
    expect(w[0]).toBe(0);
    expect(w[32]).toBeCloseTo(1, 12);
    for (let i = 0; i < 16; i++) expect(w[i] + w[i + 16] + w[i + 32] + w[i + 48]).toBeCloseTo(2, 6);
    const s = hann(65, 'symmetric');
    expect(s[64]).toBeCloseTo(0, 12);
    expect(s[32]).toBeCloseTo(1, 12);
  });

  it('makes a symmetric Kaiser window peaking at 1', () => {
    const w = kaiser(33, 8);
    expect(w[16]).toBeCloseTo(1, 12);
    expect(w[0]).toBeCloseTo(w[32], 12);
    expect(w[0]).toBeLessThan(0.01);
  });
});
