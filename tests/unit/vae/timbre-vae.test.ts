import { describe, expect, it } from 'vitest';
import { AleaError } from '../../../src/core/errors.ts';
import { TimbreVae } from '../../../src/ml/vae/timbre-vae.ts';
import { computeNoteFeatures } from '../../../src/ml/vae/note-features.ts';
import { createVaeTrainingTask } from '../../../src/ml/vae/training-task.ts';
import { runTraining } from '../../../src/ml/runtime/training-loop.ts';
import { midiToHz } from '../../../src/core/dsp/pitch.ts';
import { encodeSound } from '../../../src/ml/vae/encode-sound.ts';
import { validationFigures } from '../../../src/ml/vae/validation-figures.ts';
import { expectNoTensorLeaks, useWasmBackend } from '../../helpers/tensor-leaks.ts';
import { TINY_VAE_CONFIG, tinyVaeFolder } from '../../helpers/tiny-timbre-models.ts';

useWasmBackend();

const config = TINY_VAE_CONFIG;
const noteLength = Math.round((config.holdSeconds + config.releaseSeconds) * config.sampleRate);

/** A harmonic tone whose partials fall off as 1/k^rolloff, held then released. */
function tone(pitch: number, rolloff: number, velocity: number): Float32Array {
  const out = new Float32Array(noteLength);
  const f0 = midiToHz(pitch);
  const hold = config.holdSeconds * config.sampleRate;
  for (let n = 0; n < noteLength; n++) {
    const env = (velocity / 127) * (n < hold ? 1 : Math.exp(-(n - hold) / 200));
    let s = 0;
    for (let k = 1; k * f0 < config.sampleRate / 2; k++) s += Math.sin((2 * Math.PI * k * f0 * n) / config.sampleRate) / k ** rolloff;
    out[n] = 0.1 * env * s;
  }
  return out;
}

describe('TimbreVae', () => {
  it('encodes a sound to one latent point and renders any pitch for the asked length, deterministically', async () => {
    const vae = TimbreVae.fromLoaded(tinyVaeFolder());
    try {
      await expectNoTensorLeaks(() => {
        const { mu, logVar } = vae.encode(tone(60, 1, 100), 60);
        expect(mu.length).toBe(config.latentDim);
        expect(logVar.length).toBe(config.latentDim);
        const a = vae.render(mu, { pitch: 48, velocity: 90, holdSeconds: 0.5, seed: 2 });
        expect(a.length).toBe(Math.round((0.5 + config.releaseSeconds) * config.sampleRate));
        expect(a.every(Number.isFinite)).toBe(true);
        expect(vae.render(mu, { pitch: 48, velocity: 90, holdSeconds: 0.5, seed: 2 })).toEqual(a);
      });
    } finally {
      vae.dispose();
    }
  });

  it('refuses latents of the wrong size, non-finite values, pitches and lengths out of range, and use after dispose', () => {
    const vae = TimbreVae.fromLoaded(tinyVaeFolder());
    const z = new Float32Array(config.latentDim);
    const note = { pitch: 60, velocity: 100, holdSeconds: 1 };
    expect(() => vae.render(new Float32Array(3), note)).toThrow(/latent of 3 values/);
    expect(() => vae.render(Float32Array.from([Number.NaN, 0, 0, 0]), note)).toThrow(/not a finite number/);
    expect(() => vae.render(z, { ...note, pitch: 130 })).toThrow(/pitch 130/);
    expect(() => vae.render(z, { ...note, velocity: 0 })).toThrow(/velocity 0/);
    expect(() => vae.render(z, { ...note, holdSeconds: 100 })).toThrow(AleaError);
    vae.dispose();
    expect(() => vae.render(z, note)).toThrow(/disposed/);
  });

  it('refuses a folder that is not a timbre VAE, naming what is wrong', () => {
    const folder = tinyVaeFolder();
    expect(() => TimbreVae.fromLoaded({ ...folder, config: { family: 'transformer' } })).toThrow(/not a timbre VAE/);
    const { ['decoder.1.w']: _dropped, ...rest } = folder.weights;
    expect(() => TimbreVae.fromLoaded({ ...folder, weights: rest })).toThrow(/decoder\.1\.w/);
    for (const t of Object.values(folder.weights)) t.dispose();
  });

  it('encodes a user sound through the front end: detected pitch, or a neutral pitch with a warning', () => {
    const vae = TimbreVae.fromLoaded(tinyVaeFolder());
    try {
      const pitched = encodeSound(vae, { sampleRate: 44100, channels: [resampleTone(tone(57, 1, 100))] });
      expect(pitched.pitch).toBe(57);
      let seed = 7;
      const noise = Float32Array.from({ length: 8000 }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.2);
      const unpitched = encodeSound(vae, { sampleRate: 8000, channels: [noise] });
      expect(unpitched.pitch).toBeNull();
      expect(unpitched.encodedAtPitch).toBe(60);
      expect(unpitched.warnings.join(' ')).toMatch(/no clear pitch/);
      expect(unpitched.latent.length).toBe(config.latentDim);
    } finally {
      vae.dispose();
    }
  });
});

/** The tiny config's 8 kHz tone, stretched to 44.1 kHz by linear interpolation (a user's file rate). */
function resampleTone(samples: Float32Array): Float32Array {
  const ratio = 44100 / config.sampleRate;
  return Float32Array.from({ length: Math.floor(samples.length * ratio) }, (_, i) => {
    const x = i / ratio;
    const k = Math.floor(x);
    return k + 1 < samples.length ? samples[k] + (samples[k + 1] - samples[k]) * (x - k) : samples[k] ?? 0;
  });
}

describe('VAE training', () => {
  it('learns to reconstruct tones of three timbres (log-mel L1 falls) and leaves no tensors behind', async () => {
    const notes = [];
    const audio: Float32Array[] = [];
    for (const rolloff of [0.5, 1.5, 3]) {
      for (const pitch of [48, 55, 62, 69]) {
        notes.push({ program: rolloff * 2, pitch, velocity: 100 });
        audio.push(tone(pitch, rolloff, 100));
      }
    }
    const data = computeNoteFeatures(config, notes, (i) => audio[i]);
    expect(data.frames).toBe(Math.floor(noteLength / config.hop) + 1);
    await expectNoTensorLeaks(async () => {
      const task = createVaeTrainingTask(data, { notesPerBatch: 8, framesPerNote: 6, klWeight: 1, klWarmupSteps: 20, freeBitsPerDim: 0.1, seed: 3 });
      try {
        const before = validationFigures(task.vars, data, task.noiseMatrix, 12).logMelL1;
        await runTraining(task, { steps: 120, seed: 3, learningRate: { peak: 1e-2, warmupSteps: 5, final: 2e-3 }, clipNorm: 1 });
        const after = validationFigures(task.vars, data, task.noiseMatrix, 12).logMelL1;
        expect(after).toBeLessThan(before * 0.6);
      } finally {
        task.dispose();
      }
    });
  });
});
