/**
 * What the decoder is told besides the timbre latent, frame by frame: the pitch, how hard the
 * note was played, and where the frame sits in the note (since the onset, since the release).
 * Smooth features (decays, sinusoids) so the decoder interpolates between the pitches and
 * velocities it was trained on and extrapolates gently to longer holds.
 */
import { PITCH_FEATURES, TIME_FEATURES, VELOCITY_FEATURES, type VaeConfig } from './config.ts';

const ONSET_DECAYS = [0.03, 0.1, 0.3, 1, 3];
const RELEASE_DECAYS = [0.05, 0.15, 0.5];

/** [PITCH_FEATURES]: a linear position on the keyboard plus sinusoids at three octaves' periods. */
export function pitchFeatures(pitch: number, out: Float32Array, offset = 0): void {
  const x = (pitch - 64) / 24;
  out[offset] = x;
  let k = 1;
  for (const period of [12, 24, 48]) {
    const phase = (2 * Math.PI * pitch) / period;
    out[offset + k++] = Math.sin(phase);
    out[offset + k++] = Math.cos(phase);
  }
  if (k !== PITCH_FEATURES) throw new Error('pitch feature count out of step with config');
}

/** [VELOCITY_FEATURES]: MIDI velocity 1..127 as a level and its square (loud notes brighten fast). */
export function velocityFeatures(velocity: number, out: Float32Array, offset = 0): void {
  const v = Math.min(127, Math.max(1, velocity)) / 127;
  out[offset] = v * 2 - 1;
  out[offset + 1] = v * v;
  if (VELOCITY_FEATURES !== 2) throw new Error('velocity feature count out of step with config');
}

/** [TIME_FEATURES] for frame `frame` of a note held `holdSeconds`. */
export function timeFeatures(config: VaeConfig, frame: number, holdSeconds: number, out: Float32Array, offset = 0): void {
  const t = (frame * config.hop) / config.sampleRate;
  let k = 0;
  for (const tau of ONSET_DECAYS) out[offset + k++] = Math.exp(-t / tau);
  const released = t >= holdSeconds;
  const r = released ? t - holdSeconds : 0;
  out[offset + k++] = released ? 1 : 0;
  for (const tau of RELEASE_DECAYS) out[offset + k++] = released ? Math.exp(-r / tau) : 0;
  if (k !== TIME_FEATURES) throw new Error('time feature count out of step with config');
}

/**
 * Decoder conditioning rows for frames `frames` of one note (latent excluded):
 * [frames.length, PITCH + TIME + VELOCITY] flattened.
 */
export function conditioningRows(config: VaeConfig, pitch: number, velocity: number, holdSeconds: number, frames: ArrayLike<number>): Float32Array {
  const width = PITCH_FEATURES + TIME_FEATURES + VELOCITY_FEATURES;
  const out = new Float32Array(frames.length * width);
  const pitchRow = new Float32Array(PITCH_FEATURES);
  pitchFeatures(pitch, pitchRow);
  const velocityRow = new Float32Array(VELOCITY_FEATURES);
  velocityFeatures(velocity, velocityRow);
  for (let i = 0; i < frames.length; i++) {
    const base = i * width;
    out.set(pitchRow, base);
    timeFeatures(config, frames[i], holdSeconds, out, base + PITCH_FEATURES);
    out.set(velocityRow, base + PITCH_FEATURES + TIME_FEATURES);
  }
  return out;
}
