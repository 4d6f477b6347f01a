/**
 * The encoder's input for one note: its log-mel frames, normalised to the note's loudest band
 * (so a quiet recording and a loud one of the same sound encode alike), averaged over a few time
 * segments (attack in detail, sustain and release coarser), plus the pitch it was played at.
 */
import { PITCH_FEATURES, encoderInputSize, type VaeConfig } from './config.ts';
import { pitchFeatures } from './conditioning.ts';

/** Levels more than 80 dB under the note's peak band read as silence. */
const DYNAMIC_RANGE_NATS = Math.log(1e8);
/** Scales the 0…−18.4 nats range to about 0…−2.3 for the first layer. */
const LEVEL_SCALE = 8;

/** logMel: frames × nMels, time-major (spectral.ts logMelFrames). */
export function encoderInput(config: VaeConfig, logMel: Float32Array, pitch: number, out = new Float32Array(encoderInputSize(config)), offset = 0): Float32Array {
  const { nMels, encoderSegments } = config;
  const frames = Math.floor(logMel.length / nMels);
  let peak = -Infinity;
  for (let i = 0; i < frames * nMels; i++) peak = Math.max(peak, logMel[i]);
  const floor = peak - DYNAMIC_RANGE_NATS;
  encoderSegments.forEach(([start, end], s) => {
    const from = Math.min(start, frames);
    const to = Math.min(end, frames);
    const base = offset + s * nMels;
    for (let m = 0; m < nMels; m++) {
      let sum = 0;
      for (let t = from; t < to; t++) sum += Math.max(logMel[t * nMels + m], floor);
      const mean = to > from ? sum / (to - from) : floor;
      out[base + m] = (mean - peak) / LEVEL_SCALE;
    }
  });
  pitchFeatures(pitch, out, offset + encoderSegments.length * nMels);
  if (encoderSegments.length * nMels + PITCH_FEATURES !== encoderInputSize(config)) throw new Error('encoder input size out of step with config');
  return out;
}
