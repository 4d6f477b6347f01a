/**
 * Remix speed and memory: the shipped style GAN on a 60 s track against real time, the peak
 * memory of `alea remix` on a 10-minute 48 kHz stereo WAV against a 1-minute one (each in its own
 * process), and GAN training throughput (the shipped recipe's shape) against the wasm matmul
 * peak measured in the same run.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeWav } from '../../core/audio/wav-write.ts';
import { initBackend } from '../../ml/runtime/backend-node.ts';
import { benchMatmulGflops } from '../../ml/runtime/bench-matmul.ts';
import { benchGanTraining } from '../../ml/bench/gan-training-bench.ts';
import { STYLE_GAN_RECIPE } from '../../ml/gan/train-gan-node.ts';
import { loadStyleRemixer } from '../../ml/gan/load-node.ts';
import { SHIPPED_MODELS_DIR } from '../model-location.ts';
import type { BenchFigure } from './bench-report.ts';

const ALEA_BIN = fileURLToPath(new URL('../../../bin/alea.mjs', import.meta.url));
const GROUP = 'remix';
/** The input rate of the memory figure (issue 8's long-material check: 48 kHz stereo). */
const MEMORY_RATE = 48000;
/** Stable names of the figures (`--json` readers key on them). */
export const REMIX_FIGURES = {
  speed: 'remix of a 60 s track (wasm, 4 Griffin-Lim iterations)',
  memory: 'alea remix peak RSS, 10 min stereo WAV',
  training: 'GAN training step throughput',
} as const;

/** A plucked arpeggio (harmonics with a decay per note): music-like content for the model. */
function arpeggio(seconds: number, sampleRate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  const noteLength = Math.round(0.25 * sampleRate);
  const pitches = [48, 52, 55, 60, 64, 67, 72, 67, 64, 60, 55, 52];
  for (let n = 0; n < out.length; n++) {
    const note = Math.floor(n / noteLength);
    const f0 = 440 * 2 ** ((pitches[note % pitches.length] - 69) / 12);
    const t = (n % noteLength) / sampleRate;
    let s = 0;
    for (let k = 1; k <= 8 && k * f0 < sampleRate / 2; k++) s += Math.sin(2 * Math.PI * k * f0 * t) / k;
    out[n] = 0.2 * s * Math.exp(-4 * t);
  }
  return out;
}

function remixPeakMb(input: string, out: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ALEA_BIN, 'remix', input, '--style', 'strings', '-o', out], { env: { ...process.env, ALEA_REPORT_MAXRSS: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const match = /maxrss (\d+)/.exec(stderr);
      if (code !== 0 || match === null) reject(new Error(`remix failed: ${stderr.trim().split('\n').pop() ?? ''}`));
      else resolve(Number(match[1]) / 1024);
    });
  });
}

export async function benchRemix(): Promise<BenchFigure[]> {
  const modelDir = join(SHIPPED_MODELS_DIR, 'style-gan');
  if (!(await stat(modelDir).then((s) => s.isDirectory(), () => false))) {
    process.stderr.write('bench: remix speed and memory skipped (models/style-gan is not installed)\n');
    return [await trainingFigure()];
  }
  await initBackend({ prefer: 'wasm' });
  const remixer = await loadStyleRemixer(modelDir);
  const figures: BenchFigure[] = [];
  try {
    const rate = remixer.config.sampleRate;
    const track = arpeggio(60, rate);
    remixer.remix(track.subarray(0, 5 * rate), 1); // warm-up
    const t0 = performance.now();
    remixer.remix(track, 1);
    const speed = 60 / ((performance.now() - t0) / 1000);
    figures.push({ group: GROUP, name: REMIX_FIGURES.speed, value: speed, unit: '× real time', reference: { name: 'real time', value: 1, unit: '×' }, ratio: speed, target: '≥ 20×', met: speed >= 20 });
  } finally {
    remixer.dispose();
  }
  const dir = await mkdtemp(join(tmpdir(), 'alea-bench-remix-'));
  try {
    const peaks: number[] = [];
    for (const minutes of [1, 10]) {
      const input = join(dir, `track-${minutes}.wav`);
      const mono = arpeggio(minutes * 60, MEMORY_RATE);
      await writeFile(input, writeWav({ sampleRate: MEMORY_RATE, channels: [mono, mono] }, { bitDepth: 16 }));
      peaks.push(await remixPeakMb(input, join(dir, `out-${minutes}.wav`)));
    }
    const [one, ten] = peaks;
    figures.push({ group: GROUP, name: REMIX_FIGURES.memory, value: ten, unit: 'MB', reference: { name: '1 min WAV', value: one, unit: 'MB' }, ratio: ten / one, target: '≤ 1.3× (flat with length)', met: ten / one <= 1.3 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  figures.push(await trainingFigure());
  return figures;
}

/** GAN training (the shipped recipe's networks and batch, both optimizers) against the matmul peak. */
async function trainingFigure(): Promise<BenchFigure> {
  // The peak is the better of a product before and after the steps: the machine may be busy with other work.
  const before = await benchMatmulGflops('wasm', 512);
  const training = await benchGanTraining(STYLE_GAN_RECIPE);
  const after = await benchMatmulGflops('wasm', 512);
  const peak = before.gflops >= after.gflops ? before : after;
  return {
    group: GROUP,
    name: REMIX_FIGURES.training,
    value: training.gflops,
    unit: 'GFLOP/s',
    reference: { name: 'wasm matmul peak (512×512)', value: peak.gflops, unit: 'GFLOP/s' },
    ratio: training.gflops / peak.gflops,
  };
}
