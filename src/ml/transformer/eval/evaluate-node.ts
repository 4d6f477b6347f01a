import { readFile } from 'node:fs/promises';
import { badInput, type AleaError } from '../../../core/errors.ts';
import { join } from 'node:path';
import type { Song } from '../../../core/music/types.ts';
import { splitPieces, stableHash, type TokenPiece } from '../train/dataset.ts';
import { loadJsbCorpus, loadMidiCorpus } from '../train/dataset-node.ts';
import { continuationStudy, evaluateNll } from './evaluate.ts';
import { infillNll } from './infill-nll.ts';
import { infillMarks } from '../tokenizers/infill-format.ts';
import { RemiTokenizer } from '../tokenizers/remi-tokenizer.ts';
import { GridTokenizer } from '../tokenizers/grid-tokenizer.ts';
import { makeTokenizer } from '../tokenizers/make-tokenizer.ts';
import { readMidi } from '../../../core/music/midi-io.ts';
import { loadTransformer } from '../model/model-loader-node.ts';

/** `alea eval transformer`: a model folder against the validation split of a data folder. */

export interface EvaluateTransformerOptions {
  modelDir: string;
  /** MIDI folder, or the JSB folder / JSON file for grid models */
  dataDir: string;
  /** the split used in training (presets: 0.1) */
  validFraction?: number;
  cacheDir?: string;
  /** score the likelihood of at most this many validation pieces (in a fixed, name-hashed order) */
  maxPieces?: number;
  /** continuation statistics on this many songs (0: skip) */
  continuationSongs?: number;
  /** the sampler's register margin for the continuations (Continue's default 'seed' = 3; undefined: free) */
  registerMargin?: number;
  seed?: number;
  onProgress?: (stage: string, fraction: number) => void;
  /** data files that could not be scored, each "name: reason" (called once, when there are any) */
  onSkipped?: (lines: string[]) => void;
}

/** Zero pieces to score is an error, saying why: no readable files, or an empty validation split. */
function noPiecesError(dataDir: string, files: number, skipped: string[], validFraction: number): AleaError {
  const readable = files - skipped.length;
  const why =
    readable === 0
      ? `none of its ${files} file(s) could be read (${skipped[0] ?? 'no MIDI files'}${skipped.length > 1 ? `; and ${skipped.length - 1} more` : ''})`
      : `the ${Math.round(validFraction * 100)}% validation split of its ${readable} readable file(s) is empty (use more files or a larger --valid-fraction)`;
  return badInput(`no pieces to score: ${why}`, dataDir);
}

export async function evaluateTransformer(options: EvaluateTransformerOptions): Promise<Record<string, number>> {
  const { model } = await loadTransformer(options.modelDir);
  try {
    const tokenizer = makeTokenizer(model.config.tokenizer);
    let valid: TokenPiece[];
    let songs: () => Promise<Song[]>;
    let skipped: string[] = [];
    let fileCount = 0;
    if (tokenizer instanceof GridTokenizer) {
      valid = (await loadJsbCorpus(options.dataDir, tokenizer)).valid;
      songs = async () => valid.map((p) => tokenizer.decode(p.ids));
    } else {
      const corpus = await loadMidiCorpus({ dataDir: options.dataDir, tokenizer, selection: model.config.trackSelection, cacheDir: options.cacheDir });
      valid = splitPieces(corpus.pieces, options.validFraction ?? 0.1).valid;
      skipped = corpus.skipped;
      fileCount = corpus.pieces.length + corpus.skipped.length;
      if (skipped.length > 0) options.onSkipped?.(skipped);
      songs = async () =>
        Promise.all(valid.map(async (p) => readMidi(new Uint8Array(await readFile(join(options.dataDir, p.name))), p.name)));
    }
    const ordered = [...valid].sort((a, b) => stableHash(a.name) - stableHash(b.name) || a.name.localeCompare(b.name));
    const pieces = options.maxPieces === undefined ? ordered : ordered.slice(0, options.maxPieces);
    if (pieces.length === 0) throw noPiecesError(options.dataDir, fileCount, skipped, options.validFraction ?? 0.1);
    const nll = evaluateNll(model, tokenizer, pieces, (f) => options.onProgress?.('likelihood', f));
    const unitName = nll.unit === 'note' ? 'valNllPerNote' : 'valNllPerStep';
    const figures: Record<string, number> = { valNll: nll.nllPerToken, [unitName]: nll.nllPerUnit, valTokens: nll.tokens, valPieces: nll.pieces, skippedFiles: skipped.length };
    const count = options.continuationSongs ?? 20;
    if (count > 0) {
      // --max-pieces bounds the likelihood pass only: continuations are cheap and need many songs
      const chosen = new Set(ordered.slice(0, count).map((p) => p.name));
      const all = await songs();
      const study = continuationStudy(model, all.filter((_, i) => chosen.has(valid[i].name)), {
        seedBars: 4, bars: 4, seed: options.seed ?? 0, temperature: 1, topP: 0.95, registerMargin: options.registerMargin, samplesPerSong: 2,
      });
      options.onProgress?.('continuations', 1);
      Object.assign(figures, {
        continuationSongs: study.songs,
        pitchClassOverlap: study.pitchClassOverlap,
        pitchRangeOverlap: study.pitchRangeOverlap,
        intervalOverlap: study.intervalOverlap,
        interOnsetOverlap: study.interOnsetOverlap,
        meanOverlap: study.meanOverlap,
        registerDistance: study.registerDistance,
        registerDistanceReal: study.registerDistanceReal,
      });
    }
    if (tokenizer instanceof RemiTokenizer && infillMarks(tokenizer) !== undefined) {
      Object.assign(figures, infillNll(model, tokenizer, pieces, { beforeBars: 4, middleBars: 2, afterBars: 2 }));
      options.onProgress?.('infill', 1);
    }
    return figures;
  } finally {
    model.dispose();
  }
}
