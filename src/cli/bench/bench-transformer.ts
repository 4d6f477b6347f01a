import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readMidi } from '../../core/music/midi-io.ts';
import { loadModelFolder } from '../../ml/runtime/model-io-node.ts';
import { initBackend } from '../../ml/runtime/backend-node.ts';
import { benchMatmulGflops } from '../../ml/runtime/bench-matmul.ts';
import { benchCache, benchDecode } from '../../ml/bench/generation-bench.ts';
import { benchContinueTraining } from '../../ml/bench/continue-bench.ts';
import { timeMusicRnnReference } from '../../ml/reference/music-rnn-reference.ts';
import { ContinueModel, generateContinuations } from '../../plugins/builtin/continue/index.ts';
import { SHIPPED_MODELS_DIR } from '../model-location.ts';
import type { BenchFigure } from './bench-report.ts';

const SEED_FILE = 'samples/pop-8bar-melody.mid';
const POP909_DIR = process.env.ALEA_BENCH_POP909_DIR ?? '../shared/data/pop909';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

/** The shipped model the figures are about (melody-pop909), or the first one present. */
async function loadBenchModel(): Promise<ContinueModel | undefined> {
  for (const name of ['melody-pop909', 'folk-nottingham', 'chorale-jsb']) {
    const dir = join(SHIPPED_MODELS_DIR, name);
    if (await exists(join(dir, 'card.json'))) return ContinueModel.fromLoaded(await loadModelFolder(dir));
  }
  return undefined;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Continue's figures: KV cache, decode speed, end-to-end latency against MusicRNN, training. */
export async function benchTransformer(): Promise<BenchFigure[]> {
  await initBackend({ prefer: 'wasm' });
  const model = await loadBenchModel();
  if (model === undefined) return [];
  const figures: BenchFigure[] = [];
  const tag = model.name;
  try {
    for (const context of [256, 1024]) {
      const c = benchCache(model.transformer, context, 24);
      figures.push({
        group: 'continue',
        name: `KV cache, context ${context} (${tag})`,
        value: c.cachedTokensPerSecond,
        unit: 'tok/s',
        reference: { name: 'full re-run per token', value: c.uncachedTokensPerSecond, unit: 'tok/s' },
        ratio: c.ratio,
        ...(context === 1024 ? { target: '≥ 10× at 1024', met: c.ratio >= 10 } : {}),
      });
    }
    const decode = benchDecode(model.transformer, 256);
    figures.push({ group: 'continue', name: `decode throughput (${tag}, wasm)`, value: decode, unit: 'tok/s', target: '≥ 500 tok/s', met: decode >= 500 });

    const seed = readMidi(new Uint8Array(await readFile(SEED_FILE)), SEED_FILE);
    const params = { model: model.name, bars: 8, temperature: 1, topK: 0, topP: 0.95, variations: 1, seed: 1, key: 'off', track: -1 };
    await generateContinuations(model, seed, params);
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await generateContinuations(model, seed, { ...params, seed: i + 2 });
      runs.push((performance.now() - started) / 1000);
    }
    const endToEnd = median(runs);
    const rnn = await timeMusicRnnReference(128, 'cpu');
    figures.push({
      group: 'continue',
      name: `8-bar seed → +8 bars, end to end (${tag})`,
      value: endToEnd,
      unit: 's',
      reference: { name: 'MusicRNN 2×512 LSTM, 128 steps (tfjs cpu)', value: rnn.seconds, unit: 's' },
      ratio: rnn.seconds / endToEnd,
      target: '≤ 0.3 s and ≥ 10× faster',
      met: endToEnd <= 0.3 && rnn.seconds / endToEnd >= 10,
    });
  } finally {
    model.dispose();
  }

  if (await exists(POP909_DIR)) {
    const peak = await benchMatmulGflops('wasm', 512);
    const training = await benchContinueTraining('melody-pop909', POP909_DIR, 4, 2);
    figures.push({
      group: 'continue',
      name: 'training melody-pop909, 1 thread',
      value: training.gflops,
      unit: 'GFLOP/s',
      reference: { name: 'wasm 512² matmul peak', value: peak.gflops, unit: 'GFLOP/s' },
      ratio: training.gflops / peak.gflops,
      target: '≥ 0.30 of peak per core',
      met: training.gflops / peak.gflops >= 0.3,
    });
    figures.push({
      group: 'continue',
      name: `training melody-pop909, ${training.workers} worker threads`,
      value: training.parallelTokensPerSecond,
      unit: 'tok/s',
      reference: { name: '1 thread', value: training.tokensPerSecond, unit: 'tok/s' },
      ratio: training.parallelTokensPerSecond / training.tokensPerSecond,
    });
  }
  return figures;
}
