import { isAleaError } from '../../../core/errors.ts';
import { trimSong } from '../../../core/music/song-edit.ts';
import type { Song } from '../../../core/music/types.ts';
import { continuationStartTick, continueSong } from '../decode/continue-song.ts';
import { evaluationWindows, type TokenPiece } from '../train/dataset.ts';
import type { TransformerModel } from '../model/model.ts';
import { compareSets, type SetComparison } from './music-stats.ts';
import { planBars } from '../tokenizers/remi-encode.ts';
import type { MusicTokenizer } from '../tokenizers/tokenizer.ts';
import { selectTracks, type TrackSelection } from '../tokenizers/track-selection.ts';
import { scoreWindows } from '../train/transformer-task.ts';

/** Evaluation of a Continue model on held-out music (no file access here; see evaluate-node.ts). */

export interface NllFigures {
  /** nats per token */
  nllPerToken: number;
  /** nats per note (REMI) or per time step (grid: the JSB benchmark's frame-level NLL) */
  nllPerUnit: number;
  unit: 'note' | 'step';
  tokens: number;
  units: number;
  pieces: number;
}

/** Negative log-likelihood of every token of every piece (each scored once, with up to a window of context). */
export function evaluateNll(model: TransformerModel, tokenizer: MusicTokenizer, pieces: readonly TokenPiece[], onProgress?: (fraction: number) => void): NllFigures {
  let nll = 0;
  let tokens = 0;
  let units = 0;
  pieces.forEach((piece, i) => {
    const scored = scoreWindows(model, tokenizer, evaluationWindows(tokenizer, piece.ids, model.config.contextLength));
    nll += scored.nll;
    tokens += scored.tokens;
    units += scored.units;
    onProgress?.((i + 1) / pieces.length);
  });
  return {
    nllPerToken: nll / Math.max(tokens, 1),
    nllPerUnit: nll / Math.max(units, 1),
    unit: tokenizer.unitFamily === 'Pitch' ? 'note' : 'step',
    tokens,
    units,
    pieces: pieces.length,
  };
}

export interface ContinuationStudyOptions {
  seedBars: number;
  bars: number;
  seed: number;
  temperature?: number;
  topP?: number;
  track?: TrackSelection;
  /** the sampler's register margin (see register.ts; undefined: free) */
  registerMargin?: number;
  /** continuations per seed, pooled (more samples, steadier histograms; default 1) */
  samplesPerSong?: number;
}

/** Tick where bar `index` starts (bars as the tokenizer counts them). */
function barStartTick(song: Song, index: number): number {
  const bars = planBars(song.ppq, song.timeSignatures, song.tempos, 0, index + 1);
  return Math.round((bars[index].start * song.ppq) / 4);
}

/**
 * Continues the first `seedBars` bars of each song by `bars` bars and compares the generated
 * continuations with the songs' real next bars (Yang & Lerch-style overlapping areas). Songs too
 * short for seed + continuation are skipped.
 */
export function continuationStudy(model: TransformerModel, songs: readonly Song[], options: ContinuationStudyOptions): SetComparison & RegisterFigures & { songs: number } {
  const generated: Song[] = [];
  const real: Song[] = [];
  const seeds: Song[] = [];
  const track = options.track ?? model.config.trackSelection;
  for (const song of songs) {
    const from = barStartTick(song, options.seedBars);
    const to = barStartTick(song, options.seedBars + options.bars);
    if (continuationStartTick(song, track) < to) continue;
    const seed = trimSong(song, 0, from);
    const next = trimSong(song, from, to);
    let continuations: Song[];
    try {
      continuations = continueSong(model, seed, {
        bars: options.bars, seed: options.seed, temperature: options.temperature, topP: options.topP, track, fromTick: from,
        registerMargin: options.registerMargin, variations: options.samplesPerSong ?? 1,
      });
    } catch (error) {
      // a seed Continue refuses (a meter it cannot count bars in) is not a continuation to judge
      if (isAleaError(error)) continue;
      throw error;
    }
    for (const continuation of continuations) {
      real.push({ ...next, tracks: selectTracks(next, track) });
      seeds.push({ ...seed, tracks: selectTracks(seed, track) });
      generated.push(continuation);
    }
  }
  return { ...compareSets(generated, real), ...registerFigures(seeds, generated, real), songs: generated.length / (options.samplesPerSong ?? 1) };
}

export interface RegisterFigures {
  /** mean |mean pitch of the continuation − mean pitch of its seed|, semitones */
  registerDistance: number;
  /** the same for the songs' real next bars: how far music itself moves */
  registerDistanceReal: number;
}

/** How far continuations move from their seeds' register, against how far the real music moves. */
export function registerFigures(seeds: readonly Song[], generated: readonly Song[], real: readonly Song[]): RegisterFigures {
  const centre = (song: Song): number | undefined => {
    const pitches = song.tracks.filter((t) => !t.isDrum).flatMap((t) => t.notes.map((n) => n.pitch));
    return pitches.length === 0 ? undefined : pitches.reduce((a, b) => a + b, 0) / pitches.length;
  };
  const distance = (others: readonly Song[]): number => {
    let sum = 0;
    let count = 0;
    seeds.forEach((seed, i) => {
      const a = centre(seed);
      const b = centre(others[i]);
      if (a === undefined || b === undefined) return;
      sum += Math.abs(a - b);
      count++;
    });
    return count === 0 ? Number.NaN : sum / count;
  };
  return { registerDistance: distance(generated), registerDistanceReal: distance(real) };
}
