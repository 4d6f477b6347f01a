/**
 * A finer view of a note's low frequencies, for training only: power frames through an FFT twice
 * the model's size (same hop and frame centres), bins up to `maxHz`.
 *
 * Why: below 1 kHz the mel bands are 67 Hz apart and 133 Hz wide, so for a note under about
 * MIDI 45 several harmonics share a band, and "harmonics" and "noise at the same power" give the
 * same log-mel frame. The mel loss cannot tell them apart, and the decoder filled low notes'
 * bands with noise: played, such a note has no clear pitch. At 7.8 Hz per bin the harmonics are
 * resolved peaks with valleys between them, so noise in the valleys costs loss here.
 */
import { StftPlan } from '../../core/dsp/stft.ts';
import { realFft } from '../../core/dsp/fft.ts';
import { midiToHz } from '../../core/dsp/pitch.ts';
import type { VaeConfig } from './config.ts';
import { spectralFrontEnd } from './spectral.ts';

export interface FineFrontEnd {
  config: VaeConfig;
  plan: StftPlan;
  /** bins kept, from 0 Hz: 0 … maxHz */
  bins: number;
  /** (Σw)², the power normaliser */
  windowSumSquared: number;
  /** Σw² / (Σw)²: the normalised power unit-variance white noise gives each bin */
  noisePowerPerBin: number;
}

const frontEnds = new WeakMap<VaeConfig, Map<number, FineFrontEnd>>();

export function fineFrontEnd(config: VaeConfig, maxHz: number): FineFrontEnd {
  let byMax = frontEnds.get(config);
  if (byMax === undefined) {
    byMax = new Map();
    frontEnds.set(config, byMax);
  }
  let fe = byMax.get(maxHz);
  if (fe === undefined) {
    const nFft = 2 * config.nFft;
    const plan = new StftPlan({ nFft, hop: config.hop });
    let sum = 0;
    let sumSq = 0;
    for (const w of plan.window) {
      sum += w;
      sumSq += w * w;
    }
    const bins = Math.min(plan.bins, Math.floor((maxHz * nFft) / config.sampleRate) + 1);
    fe = { config, plan, bins, windowSumSquared: sum * sum, noisePowerPerBin: sumSq / (sum * sum) };
    byMax.set(maxHz, fe);
  }
  return fe;
}

/** log(power + powerFloor) of the kept bins, frames × bins, time-major (same frames as logMelFrames). */
export function fineLogPowerFrames(fe: FineFrontEnd, samples: Float32Array): Float32Array {
  const spec = fe.plan.forward(samples);
  const { bins } = fe;
  const { powerFloor } = fe.config;
  const out = new Float32Array(spec.re.length * bins);
  spec.re.forEach((re, t) => {
    const im = spec.im[t];
    for (let k = 0; k < bins; k++) out[t * bins + k] = Math.log((re[k] * re[k] + im[k] * im[k]) / fe.windowSumSquared + powerFloor);
  });
  return out;
}

const bases = new WeakMap<FineFrontEnd, Map<number, Float32Array>>();

/** [harmonics, bins]: the power a unit-amplitude cosine at each harmonic of `pitch` puts in each kept bin. */
export function fineHarmonicBasis(fe: FineFrontEnd, pitch: number): Float32Array {
  let cache = bases.get(fe);
  if (cache === undefined) {
    cache = new Map();
    bases.set(fe, cache);
  }
  const key = Math.round(pitch * 100) / 100;
  const hit = cache.get(key);
  if (hit) return hit;
  const { sampleRate, harmonics } = fe.config;
  const nFft = fe.plan.nFft;
  const f0 = midiToHz(key);
  const fft = realFft(nFft);
  const frame = new Float64Array(nFft);
  const re = new Float32Array(nFft / 2 + 1);
  const im = new Float32Array(nFft / 2 + 1);
  const basis = new Float32Array(harmonics * fe.bins);
  // A harmonic this far above the kept range leaks nothing into it (the Hann lobe is 4 bins wide).
  const reach = ((fe.bins + 4) * sampleRate) / nFft;
  for (let h = 0; h < harmonics; h++) {
    const f = (h + 1) * f0;
    if (f >= sampleRate / 2 || f > reach) break;
    for (let n = 0; n < nFft; n++) frame[n] = fe.plan.window[n] * Math.cos((2 * Math.PI * f * (n - nFft / 2)) / sampleRate);
    fft.forward(frame, re, im);
    for (let k = 0; k < fe.bins; k++) basis[h * fe.bins + k] = (re[k] * re[k] + im[k] * im[k]) / fe.windowSumSquared;
  }
  cache.set(key, basis);
  return basis;
}

/**
 * [nMels (noise bands), bins]: the power each kept bin receives from unit power density in each
 * noise band. The synth shapes noise on the model's FFT grid (synth.ts); a fine bin sits between
 * two of its bins (linear interpolation), and the finer window sees a fraction of the same power
 * density (the ratio of the two windows' white-noise powers).
 */
export function noiseToFine(fe: FineFrontEnd): Float32Array {
  const coarse = spectralFrontEnd(fe.config);
  const weights = coarse.mel.weights;
  const ratio = fe.noisePowerPerBin / coarse.noisePowerPerBin;
  const scale = coarse.plan.nFft / fe.plan.nFft;
  const out = new Float32Array(weights.length * fe.bins);
  weights.forEach((w, b) => {
    for (let k = 0; k < fe.bins; k++) {
      const x = k * scale;
      const i = Math.floor(x);
      const frac = x - i;
      const v = w[i] * (1 - frac) + (i + 1 < w.length ? w[i + 1] * frac : 0);
      out[b * fe.bins + k] = v * ratio;
    }
  });
  return out;
}
