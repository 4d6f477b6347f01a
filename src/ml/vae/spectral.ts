/**
 * The VAE's view of sound: log-mel power frames of a note, and the fixed linear maps from the
 * harmonic+noise synth's controls to those frames. Training compares the synth's *predicted*
 * mel power with the real note's, so no STFT runs inside the gradient (tfjs's stft has none on
 * wasm); synth.ts then plays the same controls as audio.
 *
 * Power is |X|² / (Σw)²: a full-scale sine's main lobe peaks at 0.25 whatever the FFT size.
 */
import { MelFilterbank } from '../../core/dsp/mel.ts';
import { StftPlan } from '../../core/dsp/stft.ts';
import { realFft } from '../../core/dsp/fft.ts';
import { midiToHz } from '../../core/dsp/pitch.ts';
import type { VaeConfig } from './config.ts';

export interface SpectralFrontEnd {
  config: VaeConfig;
  plan: StftPlan;
  mel: MelFilterbank;
  /** (Σw)², the power normaliser */
  windowSumSquared: number;
  /** Σw² / (Σw)²: the normalised power a unit-variance white noise gives each bin */
  noisePowerPerBin: number;
}

const frontEnds = new WeakMap<VaeConfig, SpectralFrontEnd>();

export function spectralFrontEnd(config: VaeConfig): SpectralFrontEnd {
  let fe = frontEnds.get(config);
  if (fe === undefined) {
    const plan = new StftPlan({ nFft: config.nFft, hop: config.hop });
    const mel = new MelFilterbank({ sampleRate: config.sampleRate, nFft: config.nFft, nMels: config.nMels, norm: 'none' });
    let sum = 0;
    let sumSq = 0;
    for (const w of plan.window) {
      sum += w;
      sumSq += w * w;
    }
    fe = { config, plan, mel, windowSumSquared: sum * sum, noisePowerPerBin: sumSq / (sum * sum) };
    frontEnds.set(config, fe);
  }
  return fe;
}

/** Normalised power spectrum frames of a mono signal. */
export function powerFrames(fe: SpectralFrontEnd, samples: Float32Array): Float32Array[] {
  const spec = fe.plan.forward(samples);
  return spec.re.map((re, t) => {
    const im = spec.im[t];
    const out = new Float32Array(re.length);
    for (let k = 0; k < re.length; k++) out[k] = (re[k] * re[k] + im[k] * im[k]) / fe.windowSumSquared;
    return out;
  });
}

/** log(mel power + floor), frames × nMels, flattened time-major. */
export function logMelFrames(fe: SpectralFrontEnd, samples: Float32Array): Float32Array {
  const mel = fe.mel.apply(powerFrames(fe, samples));
  const { nMels, powerFloor } = fe.config;
  const out = new Float32Array(mel.length * nMels);
  mel.forEach((frame, t) => {
    for (let m = 0; m < nMels; m++) out[t * nMels + m] = Math.log(frame[m] + powerFloor);
  });
  return out;
}

const harmonicBases = new WeakMap<VaeConfig, Map<number, Float32Array>>();

/**
 * [harmonics, nMels]: the mel power a unit-amplitude cosine at each harmonic of `pitch` puts in
 * every band (measured through the same window, FFT and filterbank as the features, so the
 * prediction and the target agree exactly for a steady harmonic tone). Harmonics at or above
 * Nyquist are rows of zeros.
 */
export function harmonicBasis(fe: SpectralFrontEnd, pitch: number): Float32Array {
  let cache = harmonicBases.get(fe.config);
  if (cache === undefined) {
    cache = new Map();
    harmonicBases.set(fe.config, cache);
  }
  const key = Math.round(pitch * 100) / 100;
  const hit = cache.get(key);
  if (hit) return hit;
  const { nFft, sampleRate, harmonics, nMels } = fe.config;
  const f0 = midiToHz(key);
  const fft = realFft(nFft);
  const frame = new Float64Array(nFft);
  const re = new Float32Array(nFft / 2 + 1);
  const im = new Float32Array(nFft / 2 + 1);
  const basis = new Float32Array(harmonics * nMels);
  for (let h = 0; h < harmonics; h++) {
    const f = (h + 1) * f0;
    if (f >= sampleRate / 2) break;
    // Centred on the frame like the STFT's frames, so the phase matches a note's steady part.
    for (let n = 0; n < nFft; n++) frame[n] = fe.plan.window[n] * Math.cos((2 * Math.PI * f * (n - nFft / 2)) / sampleRate);
    fft.forward(frame, re, im);
    const power = new Float32Array(re.length);
    for (let k = 0; k < re.length; k++) power[k] = (re[k] * re[k] + im[k] * im[k]) / fe.windowSumSquared;
    const [mel] = fe.mel.apply([power]);
    basis.set(mel, h * nMels);
  }
  cache.set(key, basis);
  return basis;
}

/**
 * [nMels (noise bands), nMels (mel bands)]: the noise is shaped by one gain per band, spread over
 * the FFT bins by the same triangles (so the bands interpolate linearly in frequency); entry
 * [b, m] is the mel power band m receives from unit power density in noise band b.
 */
export function noiseToMel(fe: SpectralFrontEnd): Float32Array {
  const { nMels } = fe.config;
  const out = new Float32Array(nMels * nMels);
  const weights = fe.mel.weights;
  for (let b = 0; b < nMels; b++) {
    for (let m = 0; m < nMels; m++) {
      let sum = 0;
      const wb = weights[b];
      const wm = weights[m];
      for (let k = 0; k < wb.length; k++) sum += wb[k] * wm[k];
      out[b * nMels + m] = sum;
    }
  }
  return out;
}

const bandExtents = new WeakMap<SpectralFrontEnd, [number, number][]>();

/** [first, last) non-zero bin of each band: the triangles are narrow, so loops over them are short. */
function extentsOf(fe: SpectralFrontEnd): [number, number][] {
  let extents = bandExtents.get(fe);
  if (extents === undefined) {
    extents = fe.mel.weights.map((w) => {
      let first = w.length;
      let last = 0;
      w.forEach((v, k) => {
        if (v > 0) {
          first = Math.min(first, k);
          last = k + 1;
        }
      });
      return first < last ? [first, last] : [0, 0];
    });
    bandExtents.set(fe, extents);
  }
  return extents;
}

/** Per-bin power density of the noise from its band powers: the triangles interpolate between bands. */
export function noiseDensity(fe: SpectralFrontEnd, bandPower: ArrayLike<number>, out: Float32Array): Float32Array {
  out.fill(0);
  const weights = fe.mel.weights;
  const extents = extentsOf(fe);
  for (let b = 0; b < weights.length; b++) {
    const g = bandPower[b];
    if (g === 0) continue;
    const w = weights[b];
    const [first, last] = extents[b];
    for (let k = first; k < last; k++) out[k] += w[k] * g;
  }
  return out;
}
