import type { TrainingTask } from '../../runtime/training-types.ts';
import type { TransformerConfig } from '../model/config.ts';
import { splitPieces, type TokenBatch } from './dataset.ts';
import { loadJsbCorpus, loadMidiCorpus } from './dataset-node.ts';
import { GridTokenizer } from '../tokenizers/grid-tokenizer.ts';
import { makeTokenizer } from '../tokenizers/make-tokenizer.ts';
import type { TokenizerConfig } from '../tokenizers/tokenizer.ts';
import type { TrackSelection } from '../tokenizers/track-selection.ts';
import { createTransformerTask, type TransformerTask } from './transformer-task.ts';

/**
 * Node entry of the Continue model's training: a plain-JSON config (it is posted to worker
 * threads) → the training task, data read from disk. `createTrainingTask` is the export the
 * runtime's data-parallel workers look for.
 */

export type TrainingData =
  | { kind: 'midi'; dir: string; selection: TrackSelection; validFraction: number; cacheDir?: string }
  | { kind: 'jsb'; path: string };

export interface TransformerTrainingConfig {
  data: TrainingData;
  tokenizer: TokenizerConfig;
  model: Pick<TransformerConfig, 'dModel' | 'heads' | 'layers' | 'dFF' | 'dropout' | 'contextLength' | 'positional'>;
  batchSize: number;
  maxTranspose: number;
  seed: number;
  /** scored validation tokens per evaluation */
  evalTokens: number;
  /** share of training windows in the fill-in-the-middle layout (tokenizers with infill marks) */
  infillRate?: number;
}

/** The model config (config.json) a training config builds. */
export function modelConfigFor(config: TransformerTrainingConfig): TransformerConfig {
  const tokenizer = makeTokenizer(config.tokenizer);
  return {
    family: 'transformer',
    vocabSize: tokenizer.vocab.size,
    ...config.model,
    tokenizer: { ...config.tokenizer },
    trackSelection: config.data.kind === 'midi' ? config.data.selection : 'all',
  };
}

export async function loadTrainingSplit(config: TransformerTrainingConfig) {
  const tokenizer = makeTokenizer(config.tokenizer);
  const data = config.data;
  if (data.kind === 'jsb') {
    if (!(tokenizer instanceof GridTokenizer)) throw new Error('the chorale data needs the grid tokenizer');
    return { tokenizer, split: await loadJsbCorpus(data.path, tokenizer), skipped: [] as string[] };
  }
  const corpus = await loadMidiCorpus({ dataDir: data.dir, tokenizer, selection: data.selection, cacheDir: data.cacheDir });
  return { tokenizer, split: splitPieces(corpus.pieces, data.validFraction), skipped: corpus.skipped };
}

export async function createTrainingTask(config: TransformerTrainingConfig): Promise<TrainingTask<TokenBatch>> {
  return createTransformerTrainingTask(config);
}

export async function createTransformerTrainingTask(config: TransformerTrainingConfig): Promise<TransformerTask> {
  const { tokenizer, split } = await loadTrainingSplit(config);
  return createTransformerTask(modelConfigFor(config), tokenizer, split, {
    batchSize: config.batchSize,
    maxTranspose: config.maxTranspose,
    seed: config.seed,
    evalTokens: config.evalTokens,
    infillRate: config.infillRate,
  });
}
