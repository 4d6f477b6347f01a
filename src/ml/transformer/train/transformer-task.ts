import * as tf from '@tensorflow/tfjs';
import type { TrainingTask } from '../../runtime/training-types.ts';
import type { TransformerConfig } from '../model/config.ts';
import { WindowSampler, evaluationWindows, packWindows, stableHash, type ScoredWindow, type TokenBatch, type TokenPiece } from './dataset.ts';
import { maskedCrossEntropy, tokenNll } from './loss.ts';
import { TransformerModel } from '../model/model.ts';
import type { MusicTokenizer } from '../tokenizers/tokenizer.ts';
import { GridTokenizer } from '../tokenizers/grid-tokenizer.ts';
import { gridLegalMask } from './grid-legal-mask.ts';

/** The Continue model's training task over tokenized pieces (no file access: Node and browser). */

export interface TransformerTaskOptions {
  batchSize: number;
  /** largest random transposition of a training window, in semitones */
  maxTranspose: number;
  seed: number;
  /** scored validation tokens per evaluation (a fixed subset of the validation pieces) */
  evalTokens: number;
  /** windows per forward pass during evaluation */
  evalBatch?: number;
  /** share of training windows in the fill-in-the-middle layout (validation stays left to right) */
  infillRate?: number;
  /** start from these weights (fine-tuning; copied, the caller keeps them) instead of a fresh model */
  initialWeights?: Record<string, tf.Tensor>;
}

export interface ValidationFigures {
  /** nats per token */
  valNll: number;
  /** nats per note (REMI) or per time step (grid: the chorale benchmark's figure) */
  valNllPerUnit: number;
  valTokens: number;
}

export type TransformerTask = TrainingTask<TokenBatch> & { model: TransformerModel };

/** Batch → mean masked cross-entropy (inside the caller's gradient tape or tidy). */
export function batchLoss(model: TransformerModel, batch: TokenBatch, options: { training: boolean; seed: number; step: number }): tf.Scalar {
  const ids = tf.tensor2d(batch.inputs, [batch.batch, batch.time], 'int32');
  const { h } = model.hidden(ids, options);
  const logits = model.project(h) as tf.Tensor3D; // [B, T, vocab]
  const flat = tf.reshape(logits, [-1, model.config.vocabSize]) as tf.Tensor2D;
  return maskedCrossEntropy(flat, tf.tensor1d(batch.targets, 'int32'), tf.tensor1d(batch.mask));
}

/** Summed NLL, scored tokens and scored units (notes/steps) of some windows. */
export function scoreWindows(model: TransformerModel, tokenizer: MusicTokenizer, windows: readonly ScoredWindow[], evalBatch = 8): { nll: number; tokens: number; units: number } {
  const unit = tokenizer.vocab.family(tokenizer.unitFamily);
  let nll = 0;
  let tokens = 0;
  let units = 0;
  for (let i = 0; i < windows.length; i += evalBatch) {
    const chunk = windows.slice(i, i + evalBatch);
    const time = Math.max(...chunk.map((w) => w.ids.length - 1), 1);
    const batch = packWindows(tokenizer, chunk, time);
    nll += tf.tidy(() => {
      const logits = model.logits(tf.tensor2d(batch.inputs, [batch.batch, time], 'int32'));
      const vocab = model.config.vocabSize;
      let flat = tf.reshape(logits, [-1, vocab]) as tf.Tensor2D;
      // grid models are scored under the grammar their sampler obeys
      if (tokenizer instanceof GridTokenizer) flat = tf.add(flat, tf.tensor2d(gridLegalMask(tokenizer, batch.inputs), [batch.inputs.length, vocab]));
      const perToken = tokenNll(flat, tf.tensor1d(batch.targets, 'int32'));
      return tf.sum(tf.mul(perToken, tf.tensor1d(batch.mask))).dataSync()[0];
    });
    batch.mask.forEach((m, j) => {
      if (m === 0) return;
      tokens++;
      const t = batch.targets[j];
      if (t >= unit.first && t < unit.first + unit.size) units++;
    });
  }
  return { nll, tokens, units };
}

/** Evaluation windows of the validation pieces (in a fixed, name-hashed order) up to `maxTokens` scored tokens. */
export function validationWindows(tokenizer: MusicTokenizer, pieces: readonly TokenPiece[], contextLength: number, maxTokens: number): ScoredWindow[] {
  const ordered = [...pieces].sort((a, b) => stableHash(a.name) - stableHash(b.name) || a.name.localeCompare(b.name));
  const out: ScoredWindow[] = [];
  let scored = 0;
  for (const piece of ordered) {
    if (scored >= maxTokens) break;
    for (const w of evaluationWindows(tokenizer, piece.ids, contextLength)) {
      out.push(w);
      scored += w.ids.length - 1 - w.scoreFrom;
    }
  }
  return out;
}

export function createTransformerTask(
  modelConfig: TransformerConfig,
  tokenizer: MusicTokenizer,
  split: { train: TokenPiece[]; valid: TokenPiece[] },
  options: TransformerTaskOptions,
): TransformerTask {
  const model = options.initialWeights
    ? TransformerModel.fromWeights(modelConfig, options.initialWeights)
    : TransformerModel.create(modelConfig, options.seed);
  const T = modelConfig.contextLength;
  const sampler = new WindowSampler(tokenizer, split.train, { contextLength: T, maxTranspose: options.maxTranspose, seed: options.seed, infillRate: options.infillRate });
  const validWindows = validationWindows(tokenizer, split.valid, T, options.evalTokens);
  return {
    model,
    variables: model.variables,
    itemsPerBatch: options.batchSize * T,
    makeBatch(step, shard, shardCount) {
      if (options.batchSize % shardCount !== 0) throw new Error(`batch size ${options.batchSize} does not split into ${shardCount} shards`);
      const per = options.batchSize / shardCount;
      const windows = Array.from({ length: per }, (_, i) => ({ ids: sampler.window(step, shard * per + i), scoreFrom: 0 }));
      return packWindows(tokenizer, windows, T);
    },
    loss(batch, training, step) {
      return batchLoss(model, batch, { training, seed: options.seed, step });
    },
    evaluate(): Record<string, number> {
      if (validWindows.length === 0) return {};
      const { nll, tokens, units } = scoreWindows(model, tokenizer, validWindows, options.evalBatch);
      const figures: ValidationFigures = { valNll: nll / Math.max(tokens, 1), valNllPerUnit: nll / Math.max(units, 1), valTokens: tokens };
      const unitName = tokenizer.unitFamily === 'Pitch' ? 'valNllPerNote' : 'valNllPerStep';
      return { valNll: figures.valNll, [unitName]: figures.valNllPerUnit, valTokens: figures.valTokens };
    },
    dispose() {
      model.dispose();
    },
  };
}
