/**
 * The sampler's pitched sounds, synthesised in code so that nothing is downloaded: each returns
 * one note at `frequency` as a mono sample, peaking near 0.8.
 */
import type { SamplerSound } from '../../plugins/builtin/sampler.ts';
import { fadeIn, fadeOut, partialSteps, runSteps, STEP_SAMPLES, type Partial } from './partials.ts';

export type PitchedSound = Exclude<SamplerSound, 'drums'>;

/** Lower notes ring longer, as on real strings, tines and bars. */
function ringScale(frequency: number, exponent: number): number {
  return Math.min(2.5, Math.pow(261.63 / frequency, exponent));
}

function keysPartials(f: number): Partial[] {
  const ring = ringScale(f, 0.4);
  return [
    { frequency: f, amplitude: 1, decay: 1.6 * ring },
    { frequency: 2 * f, amplitude: 0.35, decay: 0.9 * ring },
    { frequency: 3 * f, amplitude: 0.12, decay: 0.5 * ring },
    { frequency: 4 * f, amplitude: 0.05, decay: 0.3 * ring },
    // the tine's bright strike, gone within a tenth of a second
    { frequency: 7 * f, amplitude: 0.12, decay: 0.05 },
  ];
}

function pluckPartials(f: number): Partial[] {
  const ring = ringScale(f, 0.5);
  const partials: Partial[] = [];
  for (let k = 1; k <= 24; k++) {
    // plucked a fifth of the way along the string: that position's mode shape sets each level
    const shape = Math.abs(Math.sin(k * Math.PI * 0.2)) / k;
    partials.push({ frequency: k * f, amplitude: shape, decay: (1.1 * ring) / (1 + 0.6 * (k - 1)) });
  }
  return partials;
}

function bassPartials(f: number): Partial[] {
  const levels = [1, 0.5, 0.25, 0.12, 0.06];
  return levels.map((amplitude, i) => ({ frequency: (i + 1) * f, amplitude, decay: (1.4 * ringScale(f, 0.2)) / (1 + 0.5 * i) }));
}

function bellPartials(f: number): Partial[] {
  const ratios = [1, 2, 2.76, 5.4, 8.93];
  const levels = [1, 0.6, 0.4, 0.25, 0.2];
  const decays = [3, 1.5, 1, 0.5, 0.3];
  return ratios.map((r, i) => ({ frequency: r * f, amplitude: levels[i], decay: decays[i] * ringScale(f, 0.3) }));
}

const LENGTH_SECONDS: Record<PitchedSound, number> = { keys: 4, pluck: 2.5, bass: 2.5, bell: 5 };

/** Scales to `peak`, a block of samples a step (the loudest sample is exact in any order). */
function* peakNormaliseSteps(samples: Float64Array, peak: number): Generator<void, Float32Array<ArrayBuffer>, void> {
  let max = 0;
  for (let from = 0; from < samples.length; from += STEP_SAMPLES) {
    const to = Math.min(samples.length, from + STEP_SAMPLES);
    for (let i = from; i < to; i++) max = Math.max(max, Math.abs(samples[i]));
    yield;
  }
  const gain = max > 0 ? peak / max : 0;
  const out = new Float32Array(samples.length);
  for (let from = 0; from < samples.length; from += STEP_SAMPLES) {
    const to = Math.min(samples.length, from + STEP_SAMPLES);
    for (let i = from; i < to; i++) out[i] = samples[i] * gain;
    yield;
  }
  return out;
}

const PARTIALS: Record<PitchedSound, (frequency: number) => Partial[]> = { keys: keysPartials, pluck: pluckPartials, bass: bassPartials, bell: bellPartials };
const FADE_IN_SECONDS: Record<PitchedSound, number> = { keys: 0.003, pluck: 0.001, bass: 0.004, bell: 0.001 };

/**
 * Synthesising one note in steps of a few thousand samples (the same sums in the same order as
 * all at once); returns the sample. Live playback pauses between the steps: a whole note is tens
 * of ms of one task.
 */
export function* pitchedSteps(sound: PitchedSound, frequency: number, sampleRate: number): Generator<void, Float32Array<ArrayBuffer>, void> {
  const samples = new Float64Array(Math.round(LENGTH_SECONDS[sound] * sampleRate));
  for (const partial of PARTIALS[sound](frequency)) yield* partialSteps(samples, partial, sampleRate);
  fadeIn(samples, FADE_IN_SECONDS[sound], sampleRate);
  // the bass's gentle saturation: a rounder, louder low end without changing the pitch
  if (sound === 'bass') for (let i = 0; i < samples.length; i++) samples[i] = Math.tanh(1.5 * samples[i]);
  fadeOut(samples, 0.05, sampleRate);
  yield;
  return yield* peakNormaliseSteps(samples, 0.8);
}

export function synthesisePitched(sound: PitchedSound, frequency: number, sampleRate: number): Float32Array<ArrayBuffer> {
  return runSteps(pitchedSteps(sound, frequency, sampleRate));
}
