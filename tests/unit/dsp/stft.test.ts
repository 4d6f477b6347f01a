import { describe, expect, it } from 'vitest';
import { istft, stft, stftMagnitudes, StftPlan, hann } from '../../../src/core/dsp/index.ts';
import seedrandom from 'seedrandom';

function noise(length: number, seed: string): Float32Array {
  const random = seedrandom.alea(seed);
  return Float32Array.from({ length }, () => random() * 2 - 1);
}

function maxInteriorError(a: Float32Array, b: Float32Array, margin: number): number {
  let worst = 0;
  for (let i = margin; i < a.length - margin; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe('STFT and inverse', () => {
  const cases = [
    { nFft: 512, hop: 128 },
    { nFft: 512, hop: 256 },
    { nFft: 1024, hop: 300 }, // not a COLA hop for Hann: WOLA still inverts it
    { nFft: 512, hop: 100, winLength: 400 },
    { nFft: 256, hop: 64, center: false },
  ];
  for (const options of cases) {
    it(`reconstructs a random signal to < 1e-5 (${JSON.stringify(options)})`, () => {
      const signal = noise(9001, JSON.stringify(options));
      const spectrum = stft(signal, options);
      expect(spectrum.re.length).toBe(new StftPlan(options).frameCount(signal.length));
      expect(spectrum.re[0].length).toBe(options.nFft / 2 + 1);
      const back = istft(spectrum, options);
      expect(back.length).toBe(signal.length);
      expect(maxInteriorError(signal, back, options.center === false ? options.nFft : 0)).toBeLessThan(1e-5);
    });
  }

  it('centres frame t on sample t·hop: a click shows up in the frame that holds it, flat in frequency', () => {
    const signal = new Float32Array(4096);
    signal[1024] = 1;
    const mags = stftMagnitudes(stft(signal, { nFft: 256, hop: 128 }));
    expect(mags.length).toBe(1 + 4096 / 128);
    // Frame 8 is centred on sample 1024, where the Hann window is 1.
    for (let k = 0; k < 129; k++) expect(mags[8][k]).toBeCloseTo(1, 5);
    expect(Math.max(...mags[2])).toBe(0);
  });

  it('finds a sine at its bin with the Hann-window gain (amplitude × nFft / 4)', () => {
    const sampleRate = 16000;
    const signal = Float32Array.from({ length: 8000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 1000 * i) / sampleRate));
    const mags = stftMagnitudes(stft(signal, { nFft: 512, hop: 128 }));
    const frame = mags[20];
    const bin = (1000 * 512) / sampleRate; // 32
    expect(frame.indexOf(Math.max(...frame))).toBe(bin);
    expect(frame[bin]).toBeCloseTo((0.5 * 512) / 4, 1);
  });

  it('accepts a custom window and refuses hops that leave gaps', () => {
    const signal = noise(2000, 'w');
    const options = { nFft: 256, hop: 64, window: hann(256, 'symmetric') };
    expect(maxInteriorError(signal, istft(stft(signal, options), options), 0)).toBeLessThan(1e-5);
    expect(() => stft(signal, { nFft: 256, hop: 256 })).toThrow(/gaps/);
    expect(() => stft(signal, { nFft: 300, hop: 100 })).toThrow(/power of two/);
  });
});
