import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { benchMatmulGflops, benchTrainingStepMatmul } from '../../../src/ml/runtime/bench-matmul.ts';
import { expectNoTensorLeaks, useWasmBackend } from '../../helpers/tensor-leaks.ts';

useWasmBackend();

describe('benchmarks', () => {
  it('measure a product on the backend asked for and put the active one back', async () => {
    const figure = await expectNoTensorLeaks(() => benchMatmulGflops('cpu', 32));
    expect(figure).toMatchObject({ backend: 'cpu', n: 32 });
    expect(figure.gflops).toBeGreaterThan(0);
    expect(tf.getBackend()).toBe('wasm');
    await expect(benchMatmulGflops('nonexistent', 8)).rejects.toThrow();
    expect(tf.getBackend()).toBe('wasm');
  });

  it('compare a training step with matMul2d and with tf.matMul, leaving nothing behind', async () => {
    const figure = await expectNoTensorLeaks(() => benchTrainingStepMatmul({ rows: 32, dModel: 16 }));
    expect(figure.customMs).toBeGreaterThan(0);
    expect(figure.tfjsMs).toBeGreaterThan(0);
    expect(figure.ratio).toBeCloseTo(figure.tfjsMs / figure.customMs, 10);
  });
});

describe('bench MLP task', () => {
  it('trains a few steps and leaves nothing behind', async () => {
    const { createTrainingTask } = await import('../../../src/ml/runtime/bench-mlp-task.ts');
    const { runTraining } = await import('../../../src/ml/runtime/training-loop.ts');
    await expectNoTensorLeaks(async () => {
      const task = await createTrainingTask({ seed: 1, batch: 8, dModel: 4, hidden: 8, blocks: 2 });
      const result = await runTraining(task, { steps: 2, seed: 1, learningRate: { peak: 0.01, warmupSteps: 1, final: 0.001 } });
      task.dispose();
      expect(Number.isFinite(result.finalLoss)).toBe(true);
    });
  });
});
