import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeNoteFeatures, type NoteFeatures } from '../../../src/ml/vae/note-features.ts';
import { buildVaeBatch, createVaeTrainingTask, disposeVaeBatch, vaeLossParts } from '../../../src/ml/vae/training-task.ts';
import { validationFigures } from '../../../src/ml/vae/validation-figures.ts';
import { initialiseVaeFrom } from '../../../src/ml/vae/training-task-node.ts';
import { createVaeVariables } from '../../../src/ml/vae/model.ts';
import { saveModelFolder } from '../../../src/ml/runtime/model-io-node.ts';
import { runTraining } from '../../../src/ml/runtime/training-loop.ts';
import { midiToHz } from '../../../src/core/dsp/pitch.ts';
import { expectNoTensorLeaks, useWasmBackend } from '../../helpers/tensor-leaks.ts';
import { TINY_VAE_CONFIG, tinyVaeFolder } from '../../helpers/tiny-timbre-models.ts';

useWasmBackend();

const config = TINY_VAE_CONFIG;
const length = Math.round((config.holdSeconds + config.releaseSeconds) * config.sampleRate);

/** A two-partial tone at `level`, silent (exact zeros) after `soundSamples`. */
function tone(pitch: number, level: number, soundSamples = length): Float32Array {
  const out = new Float32Array(length);
  const f0 = midiToHz(pitch);
  for (let n = 0; n < soundSamples; n++) out[n] = level * (Math.sin((2 * Math.PI * f0 * n) / config.sampleRate) + 0.3 * Math.sin((4 * Math.PI * f0 * n) / config.sampleRate));
  return out;
}

function features(audio: Float32Array[]): NoteFeatures {
  return computeNoteFeatures(config, audio.map((_, i) => ({ program: i, pitch: 60, velocity: 100 })), (i) => audio[i]);
}

const frameMax = (values: Float32Array): number => Math.max(...values);

describe('VAE reconstruction targets and the log-spectral loss', () => {
  it("floors each target frame 80 dB under its loudest band, and an all-silent frame 140 dB under the note's peak", () => {
    const data = features([tone(60, 1e-4, Math.floor(length / 2))]);
    const last = data.frames - 1;
    const batch = buildVaeBatch(data, [0], [[2, last]], new Float32Array(config.latentDim), { kind: 'relative', floorDb: 80 });
    try {
      const target = batch.target.arraySync() as number[][];
      const floor = batch.floor.dataSync();
      const peak = frameMax(data.logMel.subarray(0, data.frames * config.nMels));
      // A sounding frame: its quietest band sits exactly at its loudest band − 80 dB (plus the floor itself).
      const loud = frameMax(Float32Array.from(target[0]));
      expect(Math.log(floor[0])).toBeCloseTo(loud - Math.log(1e8), 2);
      expect(Math.min(...target[0])).toBeGreaterThanOrEqual(Math.log(floor[0]) - 1e-4);
      // The silent frame: the note's peak − 140 dB, the same in every band.
      expect(Math.log(floor[1])).toBeCloseTo(peak - 14 * Math.LN10, 3);
      for (const v of target[1]) expect(v).toBeCloseTo(Math.log(floor[1]), 3);
    } finally {
      disposeVaeBatch(batch);
    }
  });

  it('keeps a quiet note as much detail as a loud one (the fixed floor does not)', () => {
    const data = features([tone(60, 0.5), tone(60, 5e-5)]);
    const frames = [[3], [3]];
    const spread = (kind: 'fixed' | 'relative'): number[] => {
      const batch = buildVaeBatch(data, [0, 1], frames, new Float32Array(2 * config.latentDim), kind === 'fixed' ? { kind } : { kind, floorDb: 80 });
      const rows = batch.target.arraySync() as number[][];
      disposeVaeBatch(batch);
      return rows.map((r) => Math.max(...r) - Math.min(...r));
    };
    const [loudRelative, quietRelative] = spread('relative');
    expect(quietRelative).toBeCloseTo(loudRelative, 1);
    const [loudFixed, quietFixed] = spread('fixed');
    expect(loudFixed - quietFixed).toBeGreaterThan(5);
  });

  it("'lsd' is the mean over frames of the RMS over bands of the log difference", async () => {
    const data = features([tone(60, 0.3), tone(60, 0.01)]);
    const folder = tinyVaeFolder(4);
    await expectNoTensorLeaks(() => {
      const batch = buildVaeBatch(data, [0, 1], [[1, 4], [2]], new Float32Array(2 * config.latentDim), { kind: 'relative', floorDb: 80 });
      const noise = tf.eye(config.nMels) as tf.Tensor2D;
      try {
        const [lsd, l1] = tf.tidy(() => [
          vaeLossParts(folder.weights, config, batch, noise, false, 0, 'lsd').recon.dataSync()[0],
          vaeLossParts(folder.weights, config, batch, noise, false, 0, 'l1').recon.dataSync()[0],
        ]);
        // The same prediction scored both ways: the RMS per frame lies between the mean |Δ| and √bands × it.
        expect(lsd).toBeGreaterThan(l1 * 1.01);
        expect(lsd).toBeLessThan(l1 * Math.sqrt(config.nMels));
      } finally {
        noise.dispose();
        disposeVaeBatch(batch);
      }
    });
    tf.dispose(Object.values(folder.weights));
  });

  it('training on the log-spectral distance lowers it, with no tensors left behind', async () => {
    const audio = [0.5, 1.5, 3].flatMap((rolloff) => [48, 60].map((p) => tone(p, 0.2 / rolloff)));
    const data = features(audio);
    await expectNoTensorLeaks(async () => {
      const options = { notesPerBatch: 6, framesPerNote: 6, klWeight: 1, klWarmupSteps: 20, freeBitsPerDim: 0.1, seed: 5, reconstruction: 'lsd' as const, floorDb: 80 };
      const task = createVaeTrainingTask(data, options);
      try {
        const before = validationFigures(task.vars, data, task.noiseMatrix, 6, options);
        await runTraining(task, { steps: 100, seed: 5, learningRate: { peak: 1e-2, warmupSteps: 5, final: 2e-3 }, clipNorm: 1 });
        const after = validationFigures(task.vars, data, task.noiseMatrix, 6, options);
        expect(Object.keys(after).sort()).toEqual(['klNats', 'lsdDb']);
        expect(after.lsdDb).toBeLessThan(before.lsdDb * 0.7);
      } finally {
        task.dispose();
      }
    });
  });
});

describe('the morph-path term', () => {
  it('is nothing between two copies of one sound and grows between different sounds', async () => {
    const data = features([tone(60, 0.3), tone(60, 0.3), tone(84, 0.3)]);
    const noise = tf.eye(config.nMels) as tf.Tensor2D;
    // a few steps first: the decoder's last layer starts at zero, where every sound is the same
    const task = createVaeTrainingTask(data, { notesPerBatch: 3, framesPerNote: 4, klWeight: 1, klWarmupSteps: 0, freeBitsPerDim: 0.1, seed: 3, reconstruction: 'lsd', floorDb: 80 });
    await runTraining(task, { steps: 20, seed: 3, learningRate: { peak: 1e-2, warmupSteps: 2, final: 1e-2 }, clipNorm: 1 });
    const bendOf = (pair: number[]): number => {
      const batch = buildVaeBatch(data, pair, [[1, 3], [1, 3]], new Float32Array(2 * config.latentDim), { kind: 'relative', floorDb: 80 });
      try {
        return tf.tidy(() => vaeLossParts(task.vars, config, batch, noise, false, 0, 'lsd', true).path?.dataSync()[0] ?? Number.NaN);
      } finally {
        disposeVaeBatch(batch);
      }
    };
    try {
      await expectNoTensorLeaks(() => {
        expect(bendOf([0, 1])).toBeLessThan(2e-3); // only the sqrt's guard
        expect(bendOf([0, 2])).toBeGreaterThan(0.01);
      });
    } finally {
      noise.dispose();
      task.dispose();
    }
  });

  it('training with it straightens the paths it measures, reported as pathBendDb', async () => {
    const audio = [0.5, 1.5, 3].flatMap((rolloff) => [48, 60].map((p) => tone(p, 0.2 / rolloff)));
    const data = features(audio);
    await expectNoTensorLeaks(async () => {
      const base = { notesPerBatch: 6, framesPerNote: 6, klWeight: 1, klWarmupSteps: 0, freeBitsPerDim: 0.1, seed: 5, reconstruction: 'lsd' as const, floorDb: 80 };
      const run = async (pathWeight: number): Promise<Record<string, number>> => {
        const task = createVaeTrainingTask(data, { ...base, pathWeight });
        try {
          await runTraining(task, { steps: 60, seed: 5, learningRate: { peak: 1e-2, warmupSteps: 5, final: 2e-3 }, clipNorm: 1 });
          return validationFigures(task.vars, data, task.noiseMatrix, 6, { ...base, pathWeight: 1 });
        } finally {
          task.dispose();
        }
      };
      const without = await run(0);
      const withPath = await run(2);
      expect(Object.keys(withPath).sort()).toEqual(['klNats', 'lsdDb', 'pathBendDb']);
      expect(withPath.pathBendDb).toBeLessThan(without.pathBendDb * 0.8);
    });
  });
});

describe('the fine low-frequency term', () => {
  /** A low note with eight equal harmonics: several share each mel band, the fine bins resolve them. */
  function lowTone(level: number): Float32Array {
    const out = new Float32Array(length);
    const f0 = midiToHz(40);
    for (let n = 0; n < length; n++) for (let h = 1; h <= 8; h++) out[n] += (level / 8) * Math.sin((2 * Math.PI * h * f0 * n) / config.sampleRate + h * h);
    return out;
  }

  it('training with it fits the low bins better, reported as fineLsdDb', async () => {
    const audio = [0.1, 0.2, 0.4].map(lowTone);
    const data = computeNoteFeatures(config, audio.map((_, i) => ({ program: i, pitch: 40, velocity: 100 })), (i) => audio[i], undefined, 1000);
    expect(data.fine?.bins).toBe(65); // 0…1000 Hz at 8000 / 512 Hz per bin
    await expectNoTensorLeaks(async () => {
      const base = { notesPerBatch: 3, framesPerNote: 6, klWeight: 1, klWarmupSteps: 0, freeBitsPerDim: 0.1, seed: 5, reconstruction: 'lsd' as const, floorDb: 80 };
      const run = async (fineWeight: number): Promise<Record<string, number>> => {
        const task = createVaeTrainingTask(data, { ...base, fineWeight });
        try {
          await runTraining(task, { steps: 80, seed: 5, learningRate: { peak: 1e-2, warmupSteps: 5, final: 2e-3 }, clipNorm: 1 });
          return validationFigures(task.vars, data, task.noiseMatrix, 3, base);
        } finally {
          task.dispose();
        }
      };
      const without = await run(0);
      const withFine = await run(1);
      expect(Object.keys(withFine).sort()).toEqual(['fineLsdDb', 'klNats', 'lsdDb']);
      expect(withFine.fineLsdDb).toBeLessThan(without.fineLsdDb * 0.8);
    });
  });
});

describe('starting a VAE run from a saved model', () => {
  it('copies every weight, and refuses a model whose layers differ, naming the layer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alea-vae-init-'));
    const saved = tinyVaeFolder(7);
    try {
      await saveModelFolder(dir, { weights: saved.weights, config, card: { name: 'tiny', family: 'vae', description: 'test', trainedOn: 'nothing', steps: 0, trainingTimeSeconds: 0, metrics: {}, createdWith: 'test' } });
      const vars = createVaeVariables(config, 1);
      await initialiseVaeFrom(vars, dir);
      for (const [name, v] of Object.entries(vars)) expect(Array.from(v.dataSync())).toEqual(Array.from(saved.weights[name].dataSync()));
      tf.dispose(Object.values(vars));
      const wider = createVaeVariables({ ...config, decoderHidden: [24] }, 1);
      await expect(initialiseVaeFrom(wider, dir)).rejects.toThrow(/'decoder\.0\.w' is \S+, the recipe needs/);
      tf.dispose(Object.values(wider));
    } finally {
      tf.dispose(Object.values(saved.weights));
      await rm(dir, { recursive: true, force: true });
    }
  });
});
