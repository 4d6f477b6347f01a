/**
 * The style GAN as a training task for the runtime trainer: two parameter groups, the
 * discriminator then the generator each step (LSGAN), the generator also pulled towards the
 * paired target by an L1 term.
 *
 * A batch is `patches` random windows of `patchFrames` frames: a training segment in a source
 * style (the plain piano half the time, a user's most common sound), the same frames in a target
 * style, and the target style. A share of the items has source = target: the identity term (a
 * sound already in the style stays as it is, so the model also behaves on audio with no pair).
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainingTask } from '../runtime/training-types.ts';
import { createRng, seedFor } from '../runtime/rng.ts';
import type { GanConfig } from './config.ts';
import { createGanVariables, discriminate, discriminatorVariableNames, generate, generatorVariableNames, styleOneHot, type GanVariables, type GanWeights } from './model.ts';
import type { StyleFeatures } from './style-set-node.ts';

export interface GanTrainingOptions {
  seed: number;
  patches: number;
  patchFrames: number;
  /** weight of the L1 distance to the paired target (features), against 1 for the adversarial term */
  l1Weight: number;
  /** weight of "a real render under the wrong style label is fake" in the discriminator's loss */
  mismatchWeight: number;
  /** share of items whose source is the plain piano (style 0) */
  pianoShare: number;
  /** share of items whose source style is the target style (identity) */
  identityShare: number;
}

export interface GanBatch {
  x: tf.Tensor3D;
  y: tf.Tensor3D;
  styles: tf.Tensor2D;
  /** 1 where the source style differs from the target, [patches, 1] */
  mismatch: tf.Tensor2D;
}

export interface GanBatchPlan {
  segment: number;
  source: number;
  target: number;
  offset: number;
}

/** Deterministic plan of one batch. */
export function planGanBatch(data: StyleFeatures, options: GanTrainingOptions, step: number, count = options.patches, salt = 0): GanBatchPlan[] {
  const rng = createRng(seedFor(options.seed, step, salt));
  const styles = data.config.styles.length;
  const span = Math.max(1, data.frames - options.patchFrames + 1);
  return Array.from({ length: count }, () => {
    const segment = rng.int(data.segments.length);
    const target = rng.int(styles);
    const roll = rng.next();
    const source = roll < options.identityShare ? target : roll < options.identityShare + options.pianoShare ? 0 : rng.int(styles);
    return { segment, source, target, offset: rng.int(span) };
  });
}

export function buildGanBatch(data: StyleFeatures, plan: readonly GanBatchPlan[], patchFrames: number): GanBatch {
  const nMels = data.config.nMels;
  const frames = Math.min(patchFrames, data.frames);
  const size = frames * nMels;
  const x = new Float32Array(plan.length * size);
  const y = new Float32Array(plan.length * size);
  const mismatch = new Float32Array(plan.length);
  plan.forEach((p, i) => {
    const start = p.offset * nMels;
    x.set(data.features[p.segment][p.source].subarray(start, start + size), i * size);
    y.set(data.features[p.segment][p.target].subarray(start, start + size), i * size);
    mismatch[i] = p.source === p.target ? 0 : 1;
  });
  return {
    x: tf.tensor3d(x, [plan.length, frames, nMels]),
    y: tf.tensor3d(y, [plan.length, frames, nMels]),
    styles: styleOneHot(plan.map((p) => p.target), data.config.styles.length),
    mismatch: tf.tensor2d(mismatch, [plan.length, 1]),
  };
}

export function disposeGanBatch(batch: GanBatch): void {
  tf.dispose([batch.x, batch.y, batch.styles, batch.mismatch]);
}

/** LSGAN discriminator loss: real targets → 1, generated → 0, real renders under another style's label → 0. */
export function discriminatorLoss(w: GanWeights, config: GanConfig, batch: GanBatch, options: Pick<GanTrainingOptions, 'mismatchWeight'>): tf.Scalar {
  return tf.tidy(() => {
    const fake = generate(w, config, batch.x, batch.styles);
    const real = tf.mean(tf.square(tf.sub(discriminate(w, config, batch.y, batch.styles), 1)));
    const generated = tf.mean(tf.square(discriminate(w, config, fake, batch.styles)));
    let loss = tf.add(real, generated);
    if (options.mismatchWeight > 0) {
      const wrong = tf.square(discriminate(w, config, batch.x, batch.styles));
      const share = tf.maximum(tf.mean(batch.mismatch), 1e-6);
      loss = tf.add(loss, tf.mul(options.mismatchWeight, tf.div(tf.mean(tf.mul(wrong, batch.mismatch)), share)));
    }
    return loss as tf.Scalar;
  });
}

export interface GeneratorLossParts {
  adversarial: tf.Scalar;
  l1: tf.Scalar;
  total: tf.Scalar;
}

export function generatorLossParts(w: GanWeights, config: GanConfig, batch: GanBatch, options: Pick<GanTrainingOptions, 'l1Weight'>): GeneratorLossParts {
  return tf.tidy(() => {
    const fake = generate(w, config, batch.x, batch.styles);
    const adversarial = tf.mean(tf.square(tf.sub(discriminate(w, config, fake, batch.styles), 1))) as tf.Scalar;
    const l1 = tf.mean(tf.abs(tf.sub(fake, batch.y))) as tf.Scalar;
    return { adversarial, l1, total: tf.add(adversarial, tf.mul(options.l1Weight, l1)) as tf.Scalar };
  });
}

/**
 * Mode-collapse figure: the spread of generated features across the batch's items (mean over
 * frames and bands of the standard deviation over items) divided by the targets' spread. Near 1:
 * outputs vary as the music does; far below 1: the generator plays the same thing whatever it hears.
 */
export function spreadRatio(fake: tf.Tensor3D, target: tf.Tensor3D): number {
  return tf.tidy(() => {
    const spread = (t: tf.Tensor3D): tf.Scalar => tf.mean(tf.sqrt(tf.add(tf.moments(t, 0).variance, 1e-8)));
    const ratio = tf.div(spread(fake), spread(target));
    return ratio.dataSync()[0];
  });
}

/**
 * Validation figures on fixed patches (features): L1 of the remix and of doing nothing, the spread
 * ratio of the remix and of the inputs themselves (what an untrained, do-nothing generator scores),
 * D's mean scores.
 */
export function ganValidationFigures(w: GanWeights, data: StyleFeatures, options: GanTrainingOptions, count = 64): Record<string, number> {
  const plan = planGanBatch(data, { ...options, identityShare: 0, pianoShare: 1 }, 0, count, 7).map((p) => ({ ...p, target: p.target === 0 ? 1 + (p.segment % (data.config.styles.length - 1)) : p.target }));
  const figures = { valL1Remix: 0, valL1Input: 0, valSpreadRatio: 0, valSpreadRatioOfInputs: 0, valDReal: 0, valDFake: 0 };
  const chunk = 16;
  let chunks = 0;
  for (let from = 0; from < plan.length; from += chunk) {
    const batch = buildGanBatch(data, plan.slice(from, from + chunk), options.patchFrames);
    const parts = tf.tidy(() => {
      const fake = generate(w, data.config, batch.x, batch.styles);
      return {
        remix: tf.mean(tf.abs(tf.sub(fake, batch.y))).dataSync()[0],
        input: tf.mean(tf.abs(tf.sub(batch.x, batch.y))).dataSync()[0],
        spread: spreadRatio(fake, batch.y),
        spreadInput: spreadRatio(batch.x, batch.y),
        real: tf.mean(discriminate(w, data.config, batch.y, batch.styles)).dataSync()[0],
        fakeScore: tf.mean(discriminate(w, data.config, fake, batch.styles)).dataSync()[0],
      };
    });
    disposeGanBatch(batch);
    figures.valL1Remix += parts.remix;
    figures.valL1Input += parts.input;
    figures.valSpreadRatio += parts.spread;
    figures.valSpreadRatioOfInputs += parts.spreadInput;
    figures.valDReal += parts.real;
    figures.valDFake += parts.fakeScore;
    chunks++;
  }
  for (const k of Object.keys(figures) as (keyof typeof figures)[]) figures[k] /= chunks;
  return figures;
}

export interface GanTrainingTask extends TrainingTask<GanBatch> {
  variables: GanVariables;
}

export function createGanTrainingTask(
  data: StyleFeatures,
  options: GanTrainingOptions,
  evaluate?: (vars: GanVariables) => Record<string, number>,
): GanTrainingTask {
  const config = data.config;
  const variables = createGanVariables(config, options.seed);
  return {
    variables,
    itemsPerBatch: options.patches,
    groups: [
      { name: 'discriminator', variables: discriminatorVariableNames(variables), lossName: 'discriminator' },
      { name: 'generator', variables: generatorVariableNames(variables), lossName: 'generator' },
    ],
    losses: {
      discriminator: (batch) => discriminatorLoss(variables, config, batch, options),
      generator: (batch) => generatorLossParts(variables, config, batch, options).total,
    },
    schedule: () => ['discriminator', 'generator'],
    makeBatch: (step) => buildGanBatch(data, planGanBatch(data, options, step), options.patchFrames),
    loss: (batch) => generatorLossParts(variables, config, batch, options).total,
    disposeBatch: disposeGanBatch,
    ...(evaluate ? { evaluate: () => evaluate(variables) } : {}),
    dispose: () => tf.dispose(Object.values(variables)),
  };
}
