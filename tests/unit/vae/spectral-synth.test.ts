import { describe, expect, it } from 'vitest';
import { DEFAULT_VAE_CONFIG } from '../../../src/ml/vae/config.ts';
import { harmonicBasis, logMelFrames, noiseToMel, spectralFrontEnd } from '../../../src/ml/vae/spectral.ts';
import { midiToHz } from '../../../src/core/dsp/pitch.ts';
import { synthesize, type FrameControls } from '../../../src/ml/vae/synth.ts';
import { detectPitch } from '../../../src/core/dsp/pitch.ts';

const config = DEFAULT_VAE_CONFIG;
const fe = spectralFrontEnd(config);
const length = 16000;
const frames = fe.plan.frameCount(length);

function steadyControls(harmonicPower: (h: number) => number, noise: number): FrameControls {
  const hp = new Float32Array(frames * config.harmonics);
  const np = new Float32Array(frames * config.nMels).fill(noise);
  for (let t = 0; t < frames; t++) for (let h = 0; h < config.harmonics; h++) hp[t * config.harmonics + h] = harmonicPower(h);
  return { frames, harmonicPower: hp, noisePower: np };
}

/** What training predicts for a frame: harmonics through the basis plus noise through its map (mel power). */
function predictedMelPower(controls: FrameControls, pitch: number, t: number): Float32Array {
  const basis = harmonicBasis(fe, pitch);
  const noise = noiseToMel(fe);
  const out = new Float32Array(config.nMels);
  for (let m = 0; m < config.nMels; m++) {
    let p = 0;
    for (let h = 0; h < config.harmonics; h++) p += controls.harmonicPower[t * config.harmonics + h] * basis[h * config.nMels + m];
    for (let b = 0; b < config.nMels; b++) p += controls.noisePower[t * config.nMels + b] * noise[b * config.nMels + m];
    out[m] = p;
  }
  return out;
}

/** Mean |Δ log mel power| over the steady frames, each compared over a floor 80 dB under its loudest band (as training scores). */
function meanAbsLogMelError(controls: FrameControls, pitch: number, audio: Float32Array): number {
  const measured = logMelFrames(fe, audio);
  let sum = 0;
  let count = 0;
  for (let t = 4; t < frames - 4; t++) {
    const predicted = predictedMelPower(controls, pitch, t);
    const real = Array.from(measured.subarray(t * config.nMels, (t + 1) * config.nMels), (v) => Math.max(Math.exp(v) - config.powerFloor, 0));
    const floor = Math.max(...real) * 1e-8;
    for (let m = 0; m < config.nMels; m++) {
      sum += Math.abs(Math.log(predicted[m] + floor) - Math.log(real[m] + floor));
      count++;
    }
  }
  return sum / count;
}

describe('the spectral model training scores is what the synth plays', () => {
  it('a steady harmonic tone measures as its predicted log-mel frames', () => {
    for (const pitch of [36, 57, 81]) {
      const controls = steadyControls((h) => 1e-3 / (h + 1) ** 2, 0);
      const audio = synthesize(config, controls, pitch, length, 1);
      expect(meanAbsLogMelError(controls, pitch, audio), `pitch ${pitch}`).toBeLessThan(0.05);
    }
  });

  it('shaped noise measures as its predicted band powers, on average over the frames', () => {
    // One draw of noise scatters each band's log power by ~0.4 nats, and the log of a random
    // power averages a little below the log of its mean (Jensen): a miscalibration by a factor
    // of 2 would show as 0.69 nats.
    const controls = steadyControls(() => 0, 1e-5);
    const audio = synthesize(config, controls, 60, length, 3);
    const measured = logMelFrames(fe, audio);
    let signed = 0;
    let count = 0;
    for (let t = 4; t < frames - 4; t++) {
      const predicted = predictedMelPower(controls, 60, t);
      for (let m = 0; m < config.nMels; m++) {
        signed += measured[t * config.nMels + m] - Math.log(predicted[m] + config.powerFloor);
        count++;
      }
    }
    expect(Math.abs(signed / count)).toBeLessThan(0.25);
    expect(meanAbsLogMelError(controls, 60, audio)).toBeLessThan(0.5);
  });

  it('harmonics at or above Nyquist are silent rows of the basis', () => {
    const pitch = 100; // 2637 Hz: harmonics 4.. are above 8 kHz
    const basis = harmonicBasis(fe, pitch);
    const lastAudible = Math.floor(config.sampleRate / 2 / midiToHz(pitch)) - 1;
    expect(basis.subarray(lastAudible * config.nMels, (lastAudible + 1) * config.nMels).some((v) => v > 0)).toBe(true);
    expect(basis.subarray((lastAudible + 1) * config.nMels).every((v) => v === 0)).toBe(true);
  });

  it('plays the requested pitch, the same samples for the same seed, other noise for another', () => {
    const controls = steadyControls((h) => 1e-3 / (h + 1), 1e-7);
    const a = synthesize(config, controls, 64, length, 5);
    const b = synthesize(config, controls, 64, length, 5);
    const c = synthesize(config, controls, 64, length, 6);
    expect(detectPitch(a, config.sampleRate)?.midi).toBe(64);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(a.every(Number.isFinite)).toBe(true);
  });

  it('amplitudes follow the controls: twice the power is 3 dB louder', () => {
    const quiet = synthesize(config, steadyControls((h) => (h === 0 ? 1e-3 : 0), 0), 60, length, 1);
    const loud = synthesize(config, steadyControls((h) => (h === 0 ? 2e-3 : 0), 0), 60, length, 1);
    const rms = (x: Float32Array): number => Math.sqrt(x.subarray(2000, 14000).reduce((s, v) => s + v * v, 0) / 12000);
    expect(20 * Math.log10(rms(loud) / rms(quiet))).toBeCloseTo(3.01, 1);
  });
});
