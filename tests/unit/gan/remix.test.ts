import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { chromaCorrelation } from '../../../src/core/dsp/chroma.ts';
import { DEFAULT_GAN_CONFIG, type GanConfig } from '../../../src/ml/gan/config.ts';
import { applyFeatureChange, audioFeatures, magnitudesOf, stftOf } from '../../../src/ml/gan/features.ts';
import { createGanVariables } from '../../../src/ml/gan/model.ts';
import { StyleRemixer } from '../../../src/ml/gan/remix.ts';
import { AleaError } from '../../../src/core/errors.ts';
import { expectNoTensorLeaks, useWasmBackend } from '../../helpers/tensor-leaks.ts';

useWasmBackend();

const config: GanConfig = {
  ...DEFAULT_GAN_CONFIG,
  nMels: 32,
  nFft: 512,
  hop: 128,
  styles: DEFAULT_GAN_CONFIG.styles.slice(0, 3),
  generator: { channels: 8, dilations: [1, 2], edgeKernel: 3 },
  discriminator: { channels: 8, dilations: [2], edgeKernel: 3 },
};
const sr = config.sampleRate;

/** A few seconds of notes: decaying harmonic tones at changing pitches. */
function melody(seconds: number, transpose = 0): Float32Array {
  const out = new Float32Array(Math.round(seconds * sr));
  const pitches = [60, 64, 67, 72, 65, 69];
  for (let n = 0; n < out.length; n++) {
    const note = Math.floor(n / (0.25 * sr));
    const f = 440 * 2 ** ((pitches[note % pitches.length] + transpose - 69) / 12);
    const t = (n % (0.25 * sr)) / sr;
    let v = 0;
    for (let h = 1; h <= 4; h++) v += Math.sin(2 * Math.PI * f * h * t) / h;
    out[n] = 0.2 * v * Math.exp(-6 * t);
  }
  return out;
}

/** A remixer whose generator really changes the sound (the output layer scaled up from its near-zero start). */
function remixer(seed = 1): StyleRemixer {
  const vars = createGanVariables(config, seed);
  const weights: Record<string, tf.Tensor> = {};
  for (const [name, v] of Object.entries(vars)) {
    if (!name.startsWith('generator.')) continue;
    weights[name] = name === 'generator.out.w' ? tf.mul(v, 30) : tf.clone(v);
  }
  tf.dispose(Object.values(vars));
  return new StyleRemixer(weights, config);
}

describe('remix audio path', () => {
  it('a feature change of zero gives back the input magnitudes', () => {
    const x = melody(1);
    const mags = magnitudesOf(stftOf(x, config));
    const f = audioFeatures(x, config);
    const same = applyFeatureChange(mags, f, f, config);
    for (let t = 0; t < mags.length; t += 7) for (let k = 0; k < mags[t].length; k += 5) expect(same[t][k]).toBeCloseTo(mags[t][k], 5);
  });

  it('keeps the length, changes the sound, keeps the notes, and leaks no tensors', async () => {
    const r = remixer();
    const x = melody(3);
    const y = await expectNoTensorLeaks(() => r.remix(x, 2, { griffinLimIterations: 4 }));
    expect(y.length).toBe(x.length);
    expect(y.every(Number.isFinite)).toBe(true);
    let diff = 0;
    for (let n = 0; n < x.length; n++) diff += Math.abs(x[n] - y[n]);
    expect(diff / x.length).toBeGreaterThan(1e-3);
    expect(chromaCorrelation(x, y, sr)).toBeGreaterThan(0.8);
    r.dispose();
  });

  it('chunked processing matches one piece (seams do not show), for any length', () => {
    const r = remixer(2);
    for (const seconds of [0.3, 2.7]) {
      const x = melody(seconds);
      const whole = r.remix(x, 1, { griffinLimIterations: 0, chunkFrames: 100_000 });
      const chunked = r.remix(x, 1, { griffinLimIterations: 0, chunkFrames: 40 });
      let peak = 0;
      let worst = 0;
      for (let n = 0; n < x.length; n++) {
        peak = Math.max(peak, Math.abs(whole[n]));
        worst = Math.max(worst, Math.abs(whole[n] - chunked[n]));
      }
      expect(chunked.length).toBe(x.length);
      expect(worst).toBeLessThan(1e-3 * peak);
    }
    r.dispose();
  });

  it('is deterministic; strength 0 gives the input back; a bad style or strength is one clear error', () => {
    const r = remixer(3);
    const x = melody(1);
    expect(r.remix(x, 1)).toEqual(r.remix(x, 1));
    expect(r.remix(x, 1, { strength: 0 })).toEqual(x);
    expect(() => r.styleIndex('polka')).toThrow(AleaError);
    expect(() => r.styleIndex('polka')).toThrow(/unknown style 'polka'.*piano, strings, brass/);
    expect(() => r.remix(x, 1, { strength: 2 })).toThrow(/strength must be 0..1/);
    expect(() => r.remix(x, 9)).toThrow(AleaError);
    r.dispose();
  });

  it('refuses a model folder whose config is not a style GAN', () => {
    expect(() => StyleRemixer.fromLoaded({ weights: {}, config: { family: 'vae' } })).toThrow(/not a style GAN's/);
  });
});

describe('chroma correlation', () => {
  it('is 1 for the same notes, high for another level, low for other notes', () => {
    const x = melody(2);
    expect(chromaCorrelation(x, x, sr)).toBeCloseTo(1, 5);
    expect(chromaCorrelation(x, x.map((v) => v * 0.3), sr)).toBeCloseTo(1, 5);
    expect(chromaCorrelation(x, melody(2, 6), sr)).toBeLessThan(0.5);
  });
});

describe('remix stream', () => {
  it('gives the same samples fed in pieces of any size as in one call, with bounded input kept', () => {
    const r = remixer(4);
    const x = melody(3.3);
    const whole = r.remix(x, 2, { chunkFrames: 40, strength: 0.7 });
    for (const piece of [1, 777, 5000, 100_000]) {
      const stream = r.stream(2, { chunkFrames: 40, strength: 0.7 });
      const parts: Float32Array[] = [];
      for (let from = 0; from < x.length; from += piece) parts.push(stream.process(x.subarray(from, from + piece)));
      parts.push(stream.flush());
      const joined = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        joined.set(p, at);
        at += p.length;
      }
      expect(joined).toEqual(whole);
    }
    // output arrives before the end: a long input is not held back whole
    const stream = r.stream(2, { chunkFrames: 40 });
    const early = stream.process(melody(3.3));
    expect(early.length).toBeGreaterThan(x.length / 2);
    expect(() => {
      stream.flush();
      stream.process(new Float32Array(10));
    }).toThrow(/after flush/);
    r.dispose();
  });

  it('an empty input gives an empty output; abort stops between chunks', () => {
    const r = remixer(5);
    expect(r.remix(new Float32Array(0), 1).length).toBe(0);
    const controller = new AbortController();
    controller.abort();
    expect(() => r.remix(melody(1), 1, { signal: controller.signal })).toThrow(/remix stopped/);
    r.dispose();
  });
});
