/**
 * Style GAN training throughput: steps of a recipe's shape (its network sizes, patches, losses
 * and two optimizers) on seeded synthetic features, in matmul FLOPs per second of step time, so
 * the figure can be read against the wasm matmul peak measured in the same run. The speed does
 * not depend on the data, so no dataset is needed.
 */
import { createRng } from '../runtime/rng.ts';
import { runTraining } from '../runtime/training-loop.ts';
import type { GanConfig } from '../gan/config.ts';
import type { StyleFeatures } from '../gan/style-set-node.ts';
import { createGanTrainingTask, type GanTrainingOptions } from '../gan/training-task.ts';

/** Multiply-adds ×2 of a 1-D convolution of `rows` frames: k taps, each a [rows, cin] × [cin, cout] product. */
function convFlops(rows: number, k: number, cin: number, cout: number): number {
  return 2 * rows * k * cin * cout;
}

/** Forward matmul FLOPs of the generator and the discriminator over `rows` frames (style tables and biases left out). */
export function ganForwardFlops(config: GanConfig, rows: number): { generator: number; discriminator: number } {
  const g = config.generator;
  const d = config.discriminator;
  const block = convFlops(rows, 3, g.channels, g.channels) + convFlops(rows, 1, g.channels, g.channels);
  const generator = convFlops(rows, g.edgeKernel, config.nMels, g.channels) + g.dilations.length * block + convFlops(rows, g.edgeKernel, g.channels, config.nMels);
  const discriminator = convFlops(rows, d.edgeKernel, config.nMels, d.channels) + d.dilations.length * convFlops(rows, 3, d.channels, d.channels) + 2 * rows * d.channels;
  return { generator, discriminator };
}

/**
 * Matmul FLOPs of one training step (the discriminator's update, then the generator's). A pass
 * that is back-propagated costs 3× its forward (both products of every matmul's gradient):
 * - discriminator update: G forward once (no gradient reaches G), D on real, on fake and, with a
 *   mismatch term, on the source under the wrong label, each 3×;
 * - generator update: G and D forward and backward, 3× each.
 */
export function ganTrainingFlopsPerStep(config: GanConfig, options: Pick<GanTrainingOptions, 'patches' | 'patchFrames' | 'mismatchWeight'>): number {
  const { generator, discriminator } = ganForwardFlops(config, options.patches * options.patchFrames);
  const discriminatorPasses = options.mismatchWeight > 0 ? 3 : 2;
  return generator + 3 * discriminatorPasses * discriminator + 3 * (generator + discriminator);
}

/** Seeded features of `segments` segments in every style, `frames` long (values in the features' usual range). */
export function syntheticStyleFeatures(config: GanConfig, segments = 8, frames = 256, seed = 1): StyleFeatures {
  const rng = createRng(`gan-bench:${seed}`);
  const features = Array.from({ length: segments }, () =>
    config.styles.map(() => Float32Array.from({ length: frames * config.nMels }, () => rng.normal() * 0.5)),
  );
  return { config, segments: features.map((_, i) => i), frames, features };
}

export interface GanTrainingThroughput {
  /** matmul GFLOP/s of step time */
  gflops: number;
  stepsPerSecond: number;
  /** training patches per second */
  patchesPerSecond: number;
  flopsPerStep: number;
}

export interface GanBenchRecipe {
  config: GanConfig;
  training: Omit<GanTrainingOptions, 'seed'>;
  generatorLearningRate: number;
  discriminatorLearningRate: number;
}

/** Times `steps` training steps after `warmup` untimed ones (kernels, first allocations). */
export async function benchGanTraining(recipe: GanBenchRecipe, steps = 6, warmup = 2): Promise<GanTrainingThroughput> {
  const data = syntheticStyleFeatures(recipe.config, 8, Math.max(recipe.training.patchFrames, 128));
  const training: GanTrainingOptions = { ...recipe.training, seed: 1 };
  const task = createGanTrainingTask(data, training);
  const constant = (peak: number): { peak: number; warmupSteps: number; final: number } => ({ peak, warmupSteps: 1, final: peak });
  let start = 0;
  let end = 0;
  try {
    await runTraining(task, {
      steps: warmup + steps,
      seed: 1,
      learningRate: constant(recipe.generatorLearningRate),
      groups: {
        generator: { learningRate: constant(recipe.generatorLearningRate) },
        discriminator: { learningRate: constant(recipe.discriminatorLearningRate) },
      },
      beta1: 0.5,
      beta2: 0.99,
      clipNorm: 1,
      onProgress: (p) => {
        if (p.step === warmup) start = p.elapsedSeconds;
        end = p.elapsedSeconds;
      },
    });
  } finally {
    task.dispose();
  }
  const seconds = Math.max(end - start, 1e-9);
  const flopsPerStep = ganTrainingFlopsPerStep(recipe.config, recipe.training);
  return {
    gflops: (flopsPerStep * steps) / seconds / 1e9,
    stepsPerSecond: steps / seconds,
    patchesPerSecond: (steps * recipe.training.patches) / seconds,
    flopsPerStep,
  };
}
