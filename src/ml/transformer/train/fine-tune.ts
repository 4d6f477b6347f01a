import * as tf from '@tensorflow/tfjs';
import { badInput, isAleaError } from '../../../core/errors.ts';
import { readMidi } from '../../../core/music/midi-io.ts';
import { MemoryCheckpointStore, latestCheckpointWeights } from '../../runtime/checkpoint.ts';
import type { WeightArrays } from '../../runtime/model-io.ts';
import { runTraining } from '../../runtime/training-loop.ts';
import type { TransformerConfig } from '../model/config.ts';
import type { TransformerModel } from '../model/model.ts';
import { makeTokenizer } from '../tokenizers/make-tokenizer.ts';
import type { MusicTokenizer } from '../tokenizers/tokenizer.ts';
import type { TokenPiece } from './dataset.ts';
import { createTransformerTask, scoreWindows, validationWindows } from './transformer-task.ts';

/**
 * Fine-tuning a Continue model on a user's own MIDI files (no file access: the browser's ML
 * worker feeds it bytes). The model keeps its config and tokenizer; only its weights move, for a
 * few hundred steps at a small learning rate, so it keeps what it knew and leans towards the files.
 */

export interface MidiBytes {
  name: string;
  bytes: Uint8Array;
}

/** What a fine-tune uses unless told otherwise (a user picks steps and batch; the rest stays here). */
export const FINE_TUNE_DEFAULTS = {
  /** peak: a tenth of what the shipped models trained with, so the base is not forgotten */
  learningRate: 1.5e-4,
  maxTranspose: 3,
  weightDecay: 0.01,
  clipNorm: 1,
  seed: 1,
  /** scored held-out tokens per evaluation */
  evalTokens: 2048,
  /** share of windows in the fill-in-the-middle layout, for models trained to fill in */
  infillRate: 0.5,
} as const;

/** Tokens every file of `files` gives the model (its own track selection); a file that cannot be read or gives none is refused, by name. */
export function tokenizeMidiFiles(files: readonly MidiBytes[], config: TransformerConfig): TokenPiece[] {
  if (files.length === 0) throw badInput('pick at least one MIDI file to fine-tune on');
  const tokenizer = makeTokenizer(config.tokenizer);
  return files.map(({ name, bytes }) => {
    let ids: number[];
    try {
      ids = tokenizer.encode(readMidi(bytes, name), config.trackSelection);
    } catch (error) {
      if (!isAleaError(error)) throw error;
      throw error.file === undefined ? error.inFile(name) : error;
    }
    // BOS and EOS alone: nothing the model reads
    if (ids.length <= 2) throw badInput(`no notes this model reads (it reads ${describeSelection(config)})`, name);
    return { name, ids };
  });
}

function describeSelection(config: TransformerConfig): string {
  const s = config.trackSelection;
  if (s === 'melody') return 'the melody track';
  if (s === 'all') return 'every track';
  return 'name' in s ? `the track named ${s.name}` : `track ${s.index}`;
}

export interface FineTunePoint {
  step: number;
  steps: number;
  /** mean training loss of this step's batch, nats per token */
  loss: number;
  /** nats per token on the held-out file, at evaluation steps */
  valLoss?: number;
  /** updates per second so far (evaluation excluded) */
  stepsPerSecond: number;
  /** the tfjs backend training runs on */
  backend: string;
}

export interface FineTuneOptions {
  steps: number;
  batchSize: number;
  /** peak learning rate (short warm-up, cosine decay to a tenth) */
  learningRate?: number;
  seed?: number;
  /** keep the last file out of training and report the loss on it (needs two files or more) */
  holdOut?: boolean;
  maxTranspose?: number;
  /** evaluate the held-out file every N steps (default: about 20 times a run) */
  evalEvery?: number;
  signal?: AbortSignal;
  onProgress?: (point: FineTunePoint) => void;
  /** awaited after each step (a worker yields here so that a cancel is read mid-run) */
  pause?: () => Promise<void>;
}

export interface FineTuneResult {
  /** the fine-tuned weights, by the base model's names */
  weights: WeightArrays;
  steps: number;
  /** true when the signal stopped it before the last step */
  stopped: boolean;
  finalLoss: number;
  /** last held-out loss (nats per token); null without a held-out file */
  valLoss: number | null;
  seconds: number;
  stepsPerSecond: number;
  trainFiles: string[];
  heldOutFiles: string[];
  /** the tfjs backend it trained on */
  backend: string;
}

/** Splits the pieces: with `holdOut` and two or more, the last one is held out. */
export function fineTuneSplit(pieces: readonly TokenPiece[], holdOut: boolean): { train: TokenPiece[]; valid: TokenPiece[] } {
  if (holdOut && pieces.length >= 2) return { train: pieces.slice(0, -1), valid: pieces.slice(-1) };
  return { train: [...pieces], valid: [] };
}

/**
 * Fine-tunes the model `config` + `baseWeights` (not changed: they are copied) on `pieces`.
 * Deterministic: the same weights, pieces and options give the same result.
 */
export async function fineTuneTransformer(
  config: TransformerConfig,
  baseWeights: Record<string, tf.Tensor>,
  pieces: readonly TokenPiece[],
  options: FineTuneOptions,
): Promise<FineTuneResult> {
  const d = FINE_TUNE_DEFAULTS;
  if (!Number.isInteger(options.steps) || options.steps < 1) throw badInput(`fine-tune steps must be a whole number ≥ 1, got ${options.steps}`);
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) throw badInput(`fine-tune batch must be a whole number ≥ 1, got ${options.batchSize}`);
  const split = fineTuneSplit(pieces, options.holdOut ?? false);
  const seed = options.seed ?? d.seed;
  const task = createTransformerTask(config, makeTokenizer(config.tokenizer), split, {
    batchSize: options.batchSize,
    maxTranspose: options.maxTranspose ?? d.maxTranspose,
    seed,
    evalTokens: d.evalTokens,
    // a model that fills in keeps practising it (its share of the shipped recipe)
    infillRate: config.tokenizer.kind === 'remi' && config.tokenizer.infill === true ? d.infillRate : 0,
    initialWeights: baseWeights,
  });
  const peak = options.learningRate ?? d.learningRate;
  const every = split.valid.length > 0 ? (options.evalEvery ?? Math.max(1, Math.round(options.steps / 20))) : undefined;
  const store = new MemoryCheckpointStore();
  const backend = tf.getBackend();
  let lastVal: number | null = null;
  try {
    const result = await runTraining(task, {
      steps: options.steps,
      seed,
      learningRate: { peak, warmupSteps: Math.min(20, Math.floor(options.steps / 10)), final: peak / 10 },
      weightDecay: d.weightDecay,
      clipNorm: d.clipNorm,
      evalEvery: every,
      // saved once, at the end (or where a cancel stopped it): the weights read back below
      checkpoint: { store, every: options.steps },
      signal: options.signal,
      pause: options.pause,
      onProgress: (event) => {
        const valLoss = event.eval?.valNll;
        if (valLoss !== undefined) lastVal = valLoss;
        const stepsPerSecond = task.itemsPerBatch > 0 ? event.itemsPerSecond / task.itemsPerBatch : 0;
        options.onProgress?.({ step: event.step, steps: event.steps, loss: event.loss, stepsPerSecond, backend, ...(valLoss === undefined ? {} : { valLoss }) });
      },
    });
    const weights = result.steps > 0 ? await latestCheckpointWeights(store) : {};
    return {
      weights,
      steps: result.steps,
      stopped: result.stopped,
      finalLoss: result.finalLoss,
      valLoss: lastVal,
      seconds: result.seconds,
      stepsPerSecond: result.seconds > 0 ? result.steps / result.seconds : 0,
      trainFiles: split.train.map((p) => p.name),
      heldOutFiles: split.valid.map((p) => p.name),
      backend,
    };
  } finally {
    task.dispose();
  }
}

/** Mean NLL (nats per token) of `model` over every token of `pieces`: how well it fits the files. */
export function meanNll(model: TransformerModel, tokenizer: MusicTokenizer, pieces: readonly TokenPiece[]): number {
  const windows = validationWindows(tokenizer, pieces, model.config.contextLength, Number.POSITIVE_INFINITY);
  const { nll, tokens } = scoreWindows(model, tokenizer, windows);
  return nll / Math.max(tokens, 1);
}
