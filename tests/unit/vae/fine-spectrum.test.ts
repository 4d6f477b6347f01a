import { describe, expect, it } from 'vitest';
import { DEFAULT_VAE_CONFIG } from '../../../src/ml/vae/config.ts';
import { fineFrontEnd, fineHarmonicBasis, fineLogPowerFrames, noiseToFine } from '../../../src/ml/vae/fine-spectrum.ts';
import { synthesize, type FrameControls } from '../../../src/ml/vae/synth.ts';
import { spectralFrontEnd } from '../../../src/ml/vae/spectral.ts';

const config = DEFAULT_VAE_CONFIG;
const fe = fineFrontEnd(config, 1000);
const length = 16000;
const frames = spectralFrontEnd(config).plan.frameCount(length);

function steadyControls(harmonicPower: (h: number) => number, noise: number): FrameControls {
  const hp = new Float32Array(frames * config.harmonics);
  const np = new Float32Array(frames * config.nMels).fill(noise);
  for (let t = 0; t < frames; t++) for (let h = 0; h < config.harmonics; h++) hp[t * config.harmonics + h] = harmonicPower(h);
  return { frames, harmonicPower: hp, noisePower: np };
}

/** What the fine training term predicts for one steady frame: harmonics through the basis, noise through its map. */
function predictedFinePower(controls: FrameControls, pitch: number): Float32Array {
  const basis = fineHarmonicBasis(fe, pitch);
  const noise = noiseToFine(fe);
  const out = new Float32Array(fe.bins);
  for (let k = 0; k < fe.bins; k++) {
    for (let h = 0; h < config.harmonics; h++) out[k] += controls.harmonicPower[h] * basis[h * fe.bins + k];
    for (let b = 0; b < config.nMels; b++) out[k] += controls.noisePower[b] * noise[b * fe.bins + k];
  }
  return out;
}

describe('the fine low-frequency spectrum training scores', () => {
  it('keeps the bins up to its top frequency, on the same frames as the log-mel features', () => {
    expect(fe.bins).toBe(129); // 0…1000 Hz at 16000 / 2048 = 7.8 Hz per bin
    expect(fineLogPowerFrames(fe, new Float32Array(length)).length).toBe(frames * fe.bins);
  });

  it('resolves a low note’s harmonics: the measured peaks and valleys are the predicted ones', () => {
    // MIDI 33 (55 Hz): two harmonics per mel band below 1 kHz, seven bins apart here.
    const controls = steadyControls((h) => 1e-3 / (h + 1), 0);
    const audio = synthesize(config, controls, 33, length, 1);
    const measured = fineLogPowerFrames(fe, audio);
    const predicted = predictedFinePower(controls, 33);
    const peak = Math.max(...predicted);
    let error = 0;
    let count = 0;
    for (let t = 8; t < frames - 8; t++) {
      for (let k = 2; k < fe.bins; k++) {
        const floor = peak * 1e-6; // 60 dB of range: the Hann window's sidelobes sit under it
        error += Math.abs(Math.log(predicted[k] + floor) - Math.log(Math.exp(measured[t * fe.bins + k]) + floor));
        count++;
      }
    }
    // The basis adds the harmonics' powers; in a valley two lobes' tails meet with their phases,
    // so there the measurement wanders a little (0.15 nats on average, 0.65 dB).
    expect(error / count).toBeLessThan(0.2);
    // …and the valleys are deep: half-way between harmonics 4 and 5 lies 40 dB under them.
    const bin = (hz: number): number => Math.round((hz * 2 * config.nFft) / config.sampleRate);
    expect(predicted[bin(4.5 * 55)]).toBeLessThan(predicted[bin(4 * 55)] * 1e-4);
  });

  it('noise measures as its predicted power in the fine bins, on average', () => {
    const controls = steadyControls(() => 0, 1e-5);
    const audio = synthesize(config, controls, 60, length, 3);
    const measured = fineLogPowerFrames(fe, audio);
    const predicted = predictedFinePower(controls, 60);
    let signed = 0;
    let count = 0;
    for (let t = 8; t < frames - 8; t++) {
      for (let k = 4; k < fe.bins; k++) {
        signed += measured[t * fe.bins + k] - Math.log(predicted[k] + config.powerFloor);
        count++;
      }
    }
    // One draw of noise scatters the log by ~0.6 nats per bin and sits ~0.58 under the log of its
    // mean (Jensen, exponential power); a factor-2 miscalibration would add 0.69.
    expect(Math.abs(signed / count + 0.58)).toBeLessThan(0.25);
  });
});
