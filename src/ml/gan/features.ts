/**
 * The style GAN's spectral front end: audio → STFT → mel magnitudes → normalised log features,
 * and back: a change of the features is a gain per mel band, spread onto the STFT bins.
 */
import { MelFilterbank } from '../../core/dsp/mel.ts';
import { StftPlan, type Spectrogram } from '../../core/dsp/stft.ts';
import type { GanConfig } from './config.ts';

/** Frames × nMels, time-major in one array. */
export interface FeatureFrames {
  frames: number;
  nMels: number;
  data: Float32Array;
}

/** A bin's mel bands (sparse: the few triangles that cover it) and their normalised weights. */
interface SpreadRow {
  bands: Int32Array;
  weights: Float32Array;
}

const plans = new Map<string, { stft: StftPlan; mel: MelFilterbank; spread: SpreadRow[] }>();

/** The STFT plan, mel filterbank and mel→bin spreading of a config (built once). */
export function spectralPlan(config: Pick<GanConfig, 'sampleRate' | 'nFft' | 'hop' | 'nMels'>): { stft: StftPlan; mel: MelFilterbank; spread: SpreadRow[] } {
  const key = `${config.sampleRate}/${config.nFft}/${config.hop}/${config.nMels}`;
  let plan = plans.get(key);
  if (plan === undefined) {
    const mel = new MelFilterbank({ sampleRate: config.sampleRate, nFft: config.nFft, nMels: config.nMels, norm: 'none' });
    plan = { stft: new StftPlan({ nFft: config.nFft, hop: config.hop }), mel, spread: spreadRows(mel) };
    plans.set(key, plan);
  }
  return plan;
}

/**
 * For each STFT bin, the weights of the mel bands that cover it, normalised to sum 1, so a
 * per-band log gain becomes a smooth per-bin log gain (bins no band covers take the nearest band).
 */
function spreadRows(mel: MelFilterbank): SpreadRow[] {
  const rows: SpreadRow[] = [];
  let lastBand = 0;
  for (let k = 0; k < mel.bins; k++) {
    const row = new Float32Array(mel.nMels);
    let sum = 0;
    for (let m = 0; m < mel.nMels; m++) {
      row[m] = mel.weights[m][k];
      sum += row[m];
    }
    if (sum > 0) {
      for (let m = 0; m < mel.nMels; m++) row[m] /= sum;
      lastBand = row.reduce((best, v, m) => (v > row[best] ? m : best), 0);
    } else {
      row[k === 0 ? 0 : lastBand] = 1;
    }
    const bands = Int32Array.from([...row.keys()].filter((m) => row[m] !== 0));
    rows.push({ bands, weights: Float32Array.from(bands, (m) => row[m]) });
  }
  return rows;
}

/** STFT magnitudes (frames × bins) → normalised log-mel features. */
export function magnitudesToFeatures(magnitudes: readonly Float32Array[], config: GanConfig): FeatureFrames {
  const { mel } = spectralPlan(config);
  const bands = mel.apply(magnitudes as Float32Array[]);
  const data = new Float32Array(bands.length * config.nMels);
  const scale = 1 / config.featureScale;
  bands.forEach((frame, t) => {
    for (let m = 0; m < config.nMels; m++) data[t * config.nMels + m] = (Math.log(Math.max(frame[m], config.magnitudeFloor)) - config.featureOffset) * scale;
  });
  return { frames: bands.length, nMels: config.nMels, data };
}

export function stftOf(samples: Float32Array, config: GanConfig): Spectrogram {
  return spectralPlan(config).stft.forward(samples);
}

export function magnitudesOf(spectrum: Spectrogram): Float32Array[] {
  return spectrum.re.map((re, t) => {
    const im = spectrum.im[t];
    const out = new Float32Array(re.length);
    for (let k = 0; k < re.length; k++) out[k] = Math.hypot(re[k], im[k]);
    return out;
  });
}

/** Audio → normalised log-mel features. */
export function audioFeatures(samples: Float32Array, config: GanConfig): FeatureFrames {
  return magnitudesToFeatures(magnitudesOf(stftOf(samples, config)), config);
}

/** Largest boost a band may get (ln units, 40 dB): a near-silent input bin is not blown up into noise. */
const MAX_LOG_GAIN = Math.log(100);
const MIN_LOG_GAIN = -Math.log(1e4);

/**
 * New STFT magnitudes: the input's, times the gain from `from` to `to` features per mel band,
 * spread onto the bins. Harmonics stay where the input has them (the same notes); their levels
 * follow the new style's spectral envelope and time envelope.
 */
export function applyFeatureChange(magnitudes: readonly Float32Array[], from: FeatureFrames, to: FeatureFrames, config: GanConfig): Float32Array[] {
  const { spread } = spectralPlan(config);
  const nMels = config.nMels;
  const gain = new Float32Array(nMels);
  return magnitudes.map((frame, t) => {
    for (let m = 0; m < nMels; m++) {
      const g = (to.data[t * nMels + m] - from.data[t * nMels + m]) * config.featureScale;
      gain[m] = Math.min(MAX_LOG_GAIN, Math.max(MIN_LOG_GAIN, g));
    }
    const out = new Float32Array(frame.length);
    for (let k = 0; k < frame.length; k++) {
      const { bands, weights } = spread[k];
      let g = 0;
      for (let i = 0; i < bands.length; i++) g += weights[i] * gain[bands[i]];
      out[k] = frame[k] * Math.exp(g);
    }
    return out;
  });
}
