/**
 * Latent Synth speed: decode + synthesis against real time, encoding a user's WAV, building a
 * 16-zone instrument, and VAE training throughput against the wasm matmul peak of the same run.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { initBackend } from '../../ml/runtime/backend-node.ts';
import { benchMatmulGflops } from '../../ml/runtime/bench-matmul.ts';
import { runTraining } from '../../ml/runtime/training-loop.ts';
import { DEFAULT_VAE_CONFIG } from '../../ml/vae/config.ts';
import { computeNoteFeatures } from '../../ml/vae/note-features.ts';
import { TimbreVae } from '../../ml/vae/timbre-vae.ts';
import { loadTimbreVae } from '../../ml/vae/load-node.ts';
import { encodeSound } from '../../ml/vae/encode-sound.ts';
import { createVaeTrainingTask } from '../../ml/vae/training-task.ts';
import { buildLatentVoice } from '../../plugins/builtin/latent-synth/build-voice.ts';
import { SHIPPED_MODELS_DIR } from '../model-location.ts';
import type { BenchFigure } from './bench-report.ts';

const GROUP = 'latent-synth';

/** The shipped model when installed (speed does not depend on the weights), else fresh weights. */
async function benchModel(): Promise<TimbreVae> {
  const dir = join(SHIPPED_MODELS_DIR, 'timbre-vae');
  if (await stat(dir).then((s) => s.isDirectory(), () => false)) return loadTimbreVae(dir);
  return TimbreVae.untrained(DEFAULT_VAE_CONFIG);
}

function medianSeconds(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

/** A 2 s, 44.1 kHz stereo harmonic tone with a decay: what a user's WAV looks like to the front end. */
function userWav(): { sampleRate: number; channels: Float32Array[] } {
  const sr = 44100;
  const left = new Float32Array(2 * sr);
  for (let n = 0; n < left.length; n++) {
    let s = 0;
    for (let k = 1; k <= 12; k++) s += Math.sin((2 * Math.PI * 220 * k * n) / sr) / k;
    left[n] = 0.2 * s * Math.exp(-n / sr);
  }
  return { sampleRate: sr, channels: [left, left.slice()] };
}

export async function benchTimbre(): Promise<BenchFigure[]> {
  await initBackend({ prefer: 'wasm' });
  const vae = await benchModel();
  try {
    const z = new Float32Array(vae.latentDim);
    const second = { pitch: 60, velocity: 100, holdSeconds: 0.5, releaseSeconds: 0.5 };
    vae.render(z, second); // warm-up: kernels, bases and caches
    const renderSeconds = medianSeconds(7, () => vae.render(z, second));
    const wav = userWav();
    encodeSound(vae, wav);
    const encodeSeconds = medianSeconds(5, () => encodeSound(vae, wav));
    const settings = { zones: 16, velocityLayers: 1, noteSeconds: 2, attack: 0, release: 0.3, volume: -6, seed: 0 };
    const t0 = performance.now();
    await buildLatentVoice(vae, z, settings);
    const zonesSeconds = (performance.now() - t0) / 1000;
    const zonesAudio = 16 * (settings.noteSeconds + vae.config.releaseSeconds);
    const training = await trainingThroughput();
    const peak = await benchMatmulGflops('wasm', 512);
    return [
      { group: GROUP, name: 'decode + synthesis of 1 s (wasm)', value: 1 / renderSeconds, unit: '× real time', reference: { name: 'real time', value: 1, unit: '×' }, ratio: 1 / renderSeconds, target: '≥ 100×', met: 1 / renderSeconds >= 100 },
      { group: GROUP, name: 'encode a 2 s 44.1 kHz stereo WAV', value: encodeSeconds * 1000, unit: 'ms', reference: { name: 'the sound itself', value: 2000, unit: 'ms' }, ratio: 2 / encodeSeconds },
      { group: GROUP, name: '16-zone instrument from one latent point', value: zonesSeconds, unit: 's', reference: { name: 'audio rendered', value: zonesAudio, unit: 's' }, ratio: zonesAudio / zonesSeconds },
      { group: GROUP, name: 'VAE training step throughput', value: training.gflops, unit: 'GFLOP/s', reference: { name: 'wasm matmul peak (512×512)', value: peak.gflops, unit: 'GFLOP/s' }, ratio: training.gflops / peak.gflops },
    ];
  } finally {
    vae.dispose();
  }
}

/** Steps of the shipped recipe's shape on synthetic notes: matmul FLOPs per second of step time. */
async function trainingThroughput(): Promise<{ gflops: number }> {
  const config = DEFAULT_VAE_CONFIG;
  const length = Math.round((config.holdSeconds + config.releaseSeconds) * config.sampleRate);
  const notes = Array.from({ length: 64 }, (_, i) => ({ program: i % 8, pitch: 36 + (i % 48), velocity: 80 }));
  const audio = (i: number): Float32Array => Float32Array.from({ length }, (_, n) => 0.1 * Math.sin((2 * Math.PI * (110 + 7 * i) * n) / config.sampleRate));
  const data = computeNoteFeatures(config, notes, audio);
  const options = { notesPerBatch: 32, framesPerNote: 24, klWeight: 1, klWarmupSteps: 10, freeBitsPerDim: 0.1, seed: 1 };
  const task = createVaeTrainingTask(data, options);
  try {
    const steps = 12;
    const warmup = 3;
    let start = 0;
    let end = 0;
    await runTraining(task, {
      steps,
      seed: 1,
      learningRate: { peak: 1e-4, warmupSteps: 1, final: 1e-5 },
      onProgress: (p) => {
        if (p.step === warmup) start = p.elapsedSeconds;
        end = p.elapsedSeconds;
      },
    });
    const rows = options.notesPerBatch * options.framesPerNote;
    const flopsPerStep = 6 * (rows * matmulParams(config.latentDim, config.decoderHidden, config.harmonics + config.nMels, 18) + options.notesPerBatch * matmulParams(0, config.encoderHidden, 2 * config.latentDim, config.encoderSegments.length * config.nMels + 7));
    return { gflops: (flopsPerStep * (steps - warmup)) / Math.max(end - start, 1e-9) / 1e9 };
  } finally {
    task.dispose();
  }
}

/** Weights in an MLP's matrices (input = latent + extra, then the hidden layers, then the output). */
function matmulParams(latent: number, hidden: number[], output: number, extra: number): number {
  const sizes = [latent + extra, ...hidden, output];
  let total = 0;
  for (let i = 1; i < sizes.length; i++) total += sizes[i - 1] * sizes[i];
  return total;
}
