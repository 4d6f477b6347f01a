/**
 * The harmonic + noise synthesiser (after DDSP) that turns the decoder's frame controls into
 * audio. Plain TypeScript: a sum of sinusoids at k·f0 whose amplitudes glide linearly between
 * frame centres, plus white noise shaped band by band in the STFT domain. The same controls that
 * the training loss scores (spectral.ts) are what is heard.
 */
import { createRng } from '../runtime/rng.ts';
import type { VaeConfig } from './config.ts';
import { midiToHz } from '../../core/dsp/pitch.ts';
import { noiseDensity, spectralFrontEnd } from './spectral.ts';

export interface FrameControls {
  frames: number;
  /** [frames, harmonics] amplitude² of each harmonic */
  harmonicPower: Float32Array;
  /** [frames, nMels] noise power density per band */
  noisePower: Float32Array;
}

/** Harmonics quieter than this everywhere (−100 dB) are skipped… */
const SILENT_AMPLITUDE = 1e-5;
/** …and so are those 80 dB under the note's loudest harmonic. */
const INAUDIBLE_RATIO = 1e-4;
/** Fade at the very end so a cut-off tail never clicks. */
const END_FADE_SECONDS = 0.01;

export function synthesize(config: VaeConfig, controls: FrameControls, pitch: number, length: number, seed: number): Float32Array {
  const out = new Float32Array(length);
  addHarmonics(config, controls, midiToHz(pitch), out);
  addNoise(config, controls, out, seed);
  const fade = Math.min(length, Math.round(END_FADE_SECONDS * config.sampleRate));
  for (let i = 0; i < fade; i++) out[length - 1 - i] *= i / fade;
  return out;
}

/**
 * Training scores log(power + floor): a control 100× under the floor (−20 dB) is the model saying
 * "nothing here". Played as it is it would be a faint hiss where a note has ended; zeroed, the
 * release tails match real notes better (on TimGM6mb notes: LSD of the tail 27.1 → 21.1 dB, of
 * the whole note 16.7 → 16.2 dB). Gating at the floor itself cuts real quiet content (16.7 → 21.9).
 */
const SILENCE_BELOW_FLOOR = 0.01;

function gate(power: number, floor: number): number {
  return power > floor * SILENCE_BELOW_FLOOR ? power : 0;
}

function addHarmonics(config: VaeConfig, controls: FrameControls, f0: number, out: Float32Array): void {
  const { harmonics, hop, sampleRate } = config;
  const { frames, harmonicPower } = controls;
  const amplitude = new Float32Array(frames);
  // Harmonics 80 dB under the loudest one are below what any listener (or the metrics) hears.
  let loudest = 0;
  for (let i = 0; i < harmonicPower.length; i++) loudest = Math.max(loudest, harmonicPower[i]);
  const audible = Math.max(SILENT_AMPLITUDE, Math.sqrt(loudest) * INAUDIBLE_RATIO);
  for (let h = 0; h < harmonics; h++) {
    const f = (h + 1) * f0;
    if (f >= sampleRate / 2) break;
    let peak = 0;
    for (let t = 0; t < frames; t++) {
      amplitude[t] = Math.sqrt(gate(harmonicPower[t * harmonics + h], config.powerFloor));
      peak = Math.max(peak, amplitude[t]);
    }
    if (peak < audible) continue;
    const step = (2 * Math.PI * f) / sampleRate;
    // Fixed, spread starting phases: a pile of cosines all at phase 0 makes a needle-like attack.
    const phase0 = (h * h * 0.61803398875 * 2 * Math.PI) % (2 * Math.PI);
    // A rotating phasor (two multiply-adds a sample) instead of Math.cos per sample; re-anchored
    // to the exact phase at every frame so rounding never accumulates.
    const cosStep = Math.cos(step);
    const sinStep = Math.sin(step);
    for (let t = 0; t < frames; t++) {
      const start = t * hop;
      if (start >= out.length) break;
      const end = Math.min(out.length, start + hop);
      const a0 = amplitude[t];
      const slope = (amplitude[Math.min(t + 1, frames - 1)] - a0) / hop;
      if (a0 < SILENT_AMPLITUDE && Math.abs(slope) * hop < SILENT_AMPLITUDE) continue;
      let re = Math.cos(phase0 + step * start);
      let im = Math.sin(phase0 + step * start);
      for (let n = start; n < end; n++) {
        out[n] += (a0 + slope * (n - start)) * re;
        const nextRe = re * cosStep - im * sinStep;
        im = re * sinStep + im * cosStep;
        re = nextRe;
      }
    }
  }
}

function addNoise(config: VaeConfig, controls: FrameControls, out: Float32Array, seed: number): void {
  const fe = spectralFrontEnd(config);
  const rng = createRng(`vae-noise:${seed}`);
  const white = new Float32Array(out.length);
  // Uniform white noise of unit variance: the same flat spectrum as Gaussian noise (each STFT bin
  // sums many samples) for a third of the cost of Box–Muller.
  const scale = Math.sqrt(12);
  for (let i = 0; i < white.length; i++) white[i] = (rng.next() - 0.5) * scale;
  const spec = fe.plan.forward(white);
  const density = new Float32Array(fe.plan.bins);
  const { nMels } = config;
  const bands = new Float32Array(nMels);
  for (let t = 0; t < spec.re.length; t++) {
    const frame = Math.min(t, controls.frames - 1);
    for (let b = 0; b < nMels; b++) bands[b] = gate(controls.noisePower[frame * nMels + b], config.powerFloor);
    noiseDensity(fe, bands, density);
    const re = spec.re[t];
    const im = spec.im[t];
    for (let k = 0; k < density.length; k++) {
      const gain = Math.sqrt(density[k] / fe.noisePowerPerBin);
      re[k] *= gain;
      im[k] *= gain;
    }
  }
  const shaped = fe.plan.inverse(spec, out.length);
  for (let i = 0; i < out.length; i++) out[i] += shaped[i];
}
