import { benchMatmulGflops, benchTrainingStepMatmul } from '../../ml/runtime/bench-matmul.ts';
import { initBackend } from '../../ml/runtime/backend-node.ts';
import type { BenchFigure } from './bench-report.ts';

/** wasm against the pure-JS cpu backend on the same n×n product. */
export async function benchMatmul(): Promise<BenchFigure[]> {
  await initBackend({ prefer: 'wasm' });
  const wasm = await benchMatmulGflops('wasm', 512);
  const cpu = await benchMatmulGflops('cpu', 256);
  return [
    {
      group: 'matmul',
      name: `wasm ${wasm.n}×${wasm.n} product`,
      value: wasm.gflops,
      unit: 'GFLOP/s',
      reference: { name: `cpu backend (${cpu.n}×${cpu.n})`, value: cpu.gflops, unit: 'GFLOP/s' },
      ratio: wasm.gflops / cpu.gflops,
    },
  ];
}

/** A training step with Alea's custom-gradient matmul against tfjs's own matMul gradient. */
export async function benchTrainingStep(): Promise<BenchFigure[]> {
  await initBackend({ prefer: 'wasm' });
  const step = benchTrainingStepMatmul();
  return [
    {
      group: 'training',
      name: 'MLP block step, batch 16×128, d=256 (wasm)',
      value: step.customMs,
      unit: 'ms',
      reference: { name: 'tf.matMul gradients', value: step.tfjsMs, unit: 'ms' },
      ratio: step.ratio,
    },
    { group: 'training', name: 'custom-gradient step throughput', value: step.gflops, unit: 'GFLOP/s' },
  ];
}
