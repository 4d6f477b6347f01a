import { describe, expect, it } from 'vitest';
import {
  fromLogMel,
  hzToMel,
  MelFilterbank,
  melFrequencies,
  melToHz,
  stft,
  stftMagnitudes,
  toLogMel,
} from '../../../src/core/dsp/index.ts';

describe('mel scales', () => {
  it('matches librosa.mel_frequencies (Slaney) and the HTK formula', () => {
    // librosa.mel_frequencies(n_mels=40) for sr = 22050
    const slaney = melFrequencies(40, 0, 11025);
    const reference = [0, 85.317, 170.635, 255.952, 341.269, 426.586, 511.904, 597.221, 682.538, 767.855, 853.173, 938.49, 1024.856, 1119.114, 1222.042];
    reference.forEach((hz, i) => expect(slaney[i]).toBeCloseTo(hz, 2));
    expect(slaney[39]).toBeCloseTo(11025, 6);
    expect(hzToMel(1000)).toBeCloseTo(15, 12);
    expect(hzToMel(700, 'htk')).toBeCloseTo(2595 * Math.log10(2), 9);
    for (const hz of [0, 300, 999, 1000, 4000, 20000]) {
      expect(melToHz(hzToMel(hz))).toBeCloseTo(hz, 6);
      expect(melToHz(hzToMel(hz, 'htk'), 'htk')).toBeCloseTo(hz, 6);
    }
  });
});

describe('mel filterbank', () => {
  it('matches librosa.filters.mel(sr=22050, n_fft=2048) in its first band', () => {
    const fb = new MelFilterbank({ sampleRate: 22050, nFft: 2048, nMels: 128 });
    expect(fb.weights.length).toBe(128);
    expect(fb.weights[0].length).toBe(1025);
    expect(fb.weights[0][0]).toBe(0);
    expect(fb.weights[0][1]).toBeCloseTo(0.016, 3);
  });

  for (const scale of ['slaney', 'htk'] as const) {
    it(`has non-negative triangles that tile ${scale} bands from fmin to fmax`, () => {
      const fb = new MelFilterbank({ sampleRate: 16000, nFft: 1024, nMels: 40, fmin: 50, fmax: 7600, scale, norm: 'none' });
      const binHz = 16000 / 1024;
      for (let m = 0; m < 40; m++) {
        const row = fb.weights[m];
        expect(row.every((w) => w >= 0 && w <= 1)).toBe(true);
        // One peak: weights rise to the band centre then fall.
        const peak = row.indexOf(Math.max(...row));
        expect(Math.abs(peak * binHz - fb.centers[m])).toBeLessThan(binHz);
        for (let k = 1; k <= peak; k++) expect(row[k]).toBeGreaterThanOrEqual(row[k - 1]);
        for (let k = peak + 1; k < row.length; k++) expect(row[k]).toBeLessThanOrEqual(row[k - 1]);
      }
      // Neighbouring triangles sum to 1 between the first and last centres, 0 outside fmin..fmax.
      for (let k = 0; k < 513; k++) {
        const hz = k * binHz;
        const total = fb.weights.reduce((sum, row) => sum + row[k], 0);
        if (hz > fb.centers[0] && hz < fb.centers[39]) expect(total).toBeCloseTo(1, 5);
        if (hz < 50 || hz > 7600) expect(total).toBe(0);
      }
      expect(fb.centers[1] - fb.centers[0]).toBeLessThan(fb.centers[39] - fb.centers[38]);
    });
  }

  it('gives Slaney-normalised bands equal area (1 per Hz of triangle)', () => {
    const fb = new MelFilterbank({ sampleRate: 22050, nFft: 4096, nMels: 64 });
    const binHz = 22050 / 4096;
    for (const m of [10, 30, 63]) expect(fb.weights[m].reduce((a, b) => a + b, 0) * binHz).toBeCloseTo(1, 2);
  });
});

describe('mel pseudo-inverse', () => {
  const sampleRate = 16000;
  const options = { nFft: 1024, hop: 256 };
  const fb = new MelFilterbank({ sampleRate, nFft: 1024, nMels: 80, fmax: 8000 });

  for (const frequency of [300, 1000, 3000]) {
    it(`puts the energy of a ${frequency} Hz sine back near ${frequency} Hz`, () => {
      const signal = Float32Array.from({ length: 8000 }, (_, i) => Math.sin((2 * Math.PI * frequency * i) / sampleRate));
      const linear = stftMagnitudes(stft(signal, options));
      const mel = fb.apply(linear);
      const back = fb.invert(mel)[10];
      const peakHz = (back.indexOf(Math.max(...back)) * sampleRate) / 1024;
      // Within the width of the mel band around the tone.
      const band = fb.centers.findIndex((c) => c >= frequency);
      const width = fb.centers[band + 1] - fb.centers[band - 1];
      expect(Math.abs(peakHz - frequency)).toBeLessThan(width);
      // Most of the reconstructed energy lies within that band.
      let near = 0;
      let total = 0;
      back.forEach((v, k) => {
        total += v * v;
        if (Math.abs((k * sampleRate) / 1024 - frequency) < width) near += v * v;
      });
      expect(near / total).toBeGreaterThan(0.9);
      expect(back.every((v) => v >= 0)).toBe(true);
    });
  }

  it('is a right inverse: mel(invert(mel)) gives the mel frames back', () => {
    const mel = [Float32Array.from({ length: 80 }, (_, m) => 1 + Math.sin(m / 5))];
    const again = fb.apply(fb.invert(mel))[0];
    for (let m = 0; m < 80; m++) expect(again[m]).toBeCloseTo(mel[0][m], 2);
  });

  it('round-trips log compression above the floor', () => {
    const frames = [Float32Array.of(1, 0.5, 1e-7, 20)];
    const log = toLogMel(frames);
    expect(log[0][2]).toBeCloseTo(Math.log(1e-5), 6);
    const back = fromLogMel(log)[0];
    expect(back[1]).toBeCloseTo(0.5, 6);
    expect(back[3]).toBeCloseTo(20, 4);
  });
});
