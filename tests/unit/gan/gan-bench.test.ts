import { describe, expect, it } from 'vitest';
import { REMIX_FIGURES } from '../../../src/cli/bench/bench-remix.ts';
import { DEFAULT_GAN_CONFIG, type GanConfig } from '../../../src/ml/gan/config.ts';
import { benchGanTraining, ganForwardFlops, ganTrainingFlopsPerStep } from '../../../src/ml/bench/gan-training-bench.ts';
import { expectNoTensorLeaks, useWasmBackend } from '../../helpers/tensor-leaks.ts';

useWasmBackend();

const tiny: GanConfig = {
  ...DEFAULT_GAN_CONFIG,
  nMels: 4,
  styles: DEFAULT_GAN_CONFIG.styles.slice(0, 2),
  generator: { channels: 8, dilations: [1], edgeKernel: 3 },
  discriminator: { channels: 4, dilations: [2], edgeKernel: 3 },
};

describe('GAN training throughput', () => {
  it('counts the matmul FLOPs of a step by hand: D update (G forward, D three times with gradients), then G update', () => {
    // 10 frames: G = 2·10·(3·4·8 + 3·8·8 + 1·8·8 + 3·8·4) = 8960; D = 2·10·(3·4·4 + 3·4·4) + 2·10·4 = 2000
    expect(ganForwardFlops(tiny, 10)).toEqual({ generator: 8960, discriminator: 2000 });
    expect(ganTrainingFlopsPerStep(tiny, { patches: 2, patchFrames: 5, mismatchWeight: 0.5 })).toBe(8960 + 9 * 2000 + 3 * (8960 + 2000));
    expect(ganTrainingFlopsPerStep(tiny, { patches: 2, patchFrames: 5, mismatchWeight: 0 })).toBe(8960 + 6 * 2000 + 3 * (8960 + 2000));
  });

  it('times real training steps of the recipe shape and leaves no tensor behind', async () => {
    const training = { patches: 2, patchFrames: 16, l1Weight: 20, mismatchWeight: 0.5, pianoShare: 0.5, identityShare: 0.15 };
    const recipe = { config: tiny, training, generatorLearningRate: 1e-3, discriminatorLearningRate: 1e-3 };
    const figure = await expectNoTensorLeaks(() => benchGanTraining(recipe, 2, 1));
    expect(figure.flopsPerStep).toBe(ganTrainingFlopsPerStep(tiny, training));
    expect(figure.stepsPerSecond).toBeGreaterThan(0);
    expect(figure.gflops).toBeCloseTo((figure.flopsPerStep * figure.stepsPerSecond) / 1e9, 6);
    expect(figure.patchesPerSecond).toBeCloseTo(figure.stepsPerSecond * 2, 6);
  });

  it('is printed under a stable name in alea bench --json', () => {
    expect(REMIX_FIGURES.training).toBe('GAN training step throughput');
  });
});
