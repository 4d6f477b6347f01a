import { AleaError, badInput } from '../../../core/errors.ts';
import type { Key } from '../../../core/music/key.ts';
import { replaceSpan, retimeToPpq, trimSong } from '../../../core/music/song-edit.ts';
import type { Song } from '../../../core/music/types.ts';
import { RemiGrammar, type MusicConstraints } from './constraints.ts';
import { maxTokensPerBar, nameLikeSeed, refuseUncountableMeters } from './continue-song.ts';
import { decodeSteps } from './generate.ts';
import { seedRegister } from './register.ts';
import { runSteps, runStepsYielding, type Steps, type YieldingOptions } from './steps.ts';
import { infillMarks } from '../tokenizers/infill-format.ts';
import { makeTokenizer } from '../tokenizers/make-tokenizer.ts';
import type { TransformerModel } from '../model/model.ts';
import { planBars } from '../tokenizers/remi-encode.ts';
import { RemiTokenizer } from '../tokenizers/remi-tokenizer.ts';
import { TIME_SIGNATURES, barSixteenths } from '../tokenizers/remi-vocab.ts';
import { assignRoles, selectTracks, type TrackSelection } from '../tokenizers/track-selection.ts';

/**
 * Infill: rewrite bars i..j of a song knowing what comes before and after them, with a REMI model
 * trained in the fill-in-the-middle layout (infill-format.ts). The prompt is the bars before,
 * FillSuffix, the bars after, FillMiddle and the first bar line; the model writes the middle bars
 * and ends them with FillEnd.
 */

/** The most bars one infill rewrites. */
export const MAX_INFILL_BARS = 16;

export interface InfillOptions {
  /** first and last bar to rewrite, counted from 1 as a DAW shows them */
  fromBar: number;
  toBar: number;
  temperature?: number;
  topK?: number;
  topP?: number;
  seed?: number;
  variations?: number;
  key?: Key;
  pitchRange?: [number, number];
  /** see ContinueOptions.registerMargin */
  registerMargin?: number;
  /** tracks to read and rewrite (default: what the model was trained on) */
  track?: TrackSelection;
  onProgress?: (fraction: number) => void;
}

/** Whether `model` can fill in bars (it was trained with the infill marks). */
export function canInfill(model: TransformerModel): boolean {
  const tokenizer = makeTokenizer(model.config.tokenizer);
  return tokenizer instanceof RemiTokenizer && infillMarks(tokenizer) !== undefined;
}

/** The song with bars `fromBar..toBar` rewritten, `variations` times. Same inputs + seed → same songs. */
export function infillSong(model: TransformerModel, song: Song, options: InfillOptions): Song[] {
  return runSteps(infillSteps(model, song, options));
}

/** `infillSong` that gives the event loop a turn between slices and stops when `signal` aborts. */
export function infillSongAsync(model: TransformerModel, song: Song, options: InfillOptions & YieldingOptions): Promise<Song[]> {
  return runStepsYielding(infillSteps(model, song, options), options);
}

/** Tick where each bar starts (bars as the tokenizer counts them), up to bar `count` (its end). */
function barTicks(song: Song, count: number): number[] {
  const bars = planBars(song.ppq, song.timeSignatures, song.tempos, 0, count);
  const ticks = bars.map((b) => Math.round((b.start * song.ppq) / 4));
  const last = bars[bars.length - 1];
  ticks.push(Math.round(((last.start + last.length) * song.ppq) / 4));
  return ticks;
}

/** Where bar `bar` (counted from 1) starts, in the song's ticks, as infill counts bars. */
export function barStartTick(song: Song, bar: number): number {
  return barTicks(song, bar)[bar - 1];
}

/** Index of every Bar token. */
function barIndices(tokenizer: RemiTokenizer, ids: readonly number[]): number[] {
  const bar = tokenizer.vocab.id('Bar');
  const out: number[] = [];
  ids.forEach((id, i) => {
    if (id === bar) out.push(i);
  });
  return out;
}

/** The last whole bars of `ids` that fit in `budget` tokens (meter and tempo restated), else its last tokens. */
function keepEnd(tokenizer: RemiTokenizer, ids: readonly number[], budget: number): number[] {
  if (ids.length <= budget) return [...ids];
  for (const b of barIndices(tokenizer, ids)) {
    if (ids.length - b > budget) continue;
    const crop = tokenizer.cropAt(ids, b);
    if (crop.length <= budget) return crop;
  }
  return ids.slice(ids.length - budget);
}

/** The first whole bars of `ids` that fit in `budget` tokens, else its first tokens. */
function keepStart(tokenizer: RemiTokenizer, ids: readonly number[], budget: number): number[] {
  if (ids.length <= budget) return [...ids];
  const fits = barIndices(tokenizer, ids).filter((b) => b > 0 && b <= budget).pop();
  return ids.slice(0, fits ?? budget);
}

function* infillSteps(model: TransformerModel, song: Song, options: InfillOptions): Steps<Song[]> {
  const tokenizer = makeTokenizer(model.config.tokenizer);
  const marks = tokenizer instanceof RemiTokenizer ? infillMarks(tokenizer) : undefined;
  if (!(tokenizer instanceof RemiTokenizer) || marks === undefined) {
    throw new AleaError('usage', 'this model cannot fill in bars (it was trained to continue only); use a model trained with infill marks, such as arrangement-pop909');
  }
  const { fromBar, toBar } = options;
  if (!(Number.isInteger(fromBar) && Number.isInteger(toBar) && fromBar >= 1 && toBar >= fromBar)) {
    throw new AleaError('usage', `bars must be a range like 5-8 (first bar 1 or later, last not before first), got ${fromBar}-${toBar}`);
  }
  if (toBar - fromBar + 1 > MAX_INFILL_BARS) throw new AleaError('usage', `infill rewrites at most ${MAX_INFILL_BARS} bars at once, got ${toBar - fromBar + 1}`);
  const variations = options.variations ?? 1;
  refuseUncountableMeters(song);
  const track = options.track ?? model.config.trackSelection;
  const chosen = selectTracks(song, track);
  if (chosen.length === 0) throw badInput('the song has no notes in the chosen track(s) to fill in around');

  const ids = tokenizer.encode(song, track, { minBars: toBar }).slice(0, -1); // without EOS
  const bars = barIndices(tokenizer, ids);
  const from = fromBar - 1;
  const to = toBar;
  const prefix = ids.slice(0, bars[from]);
  const head = tokenizer.cropAt(ids, bars[from]).slice(0, 3).filter((id, i) => i === 0 || ['TimeSig', 'Tempo'].includes(tokenizer.vocab.kind(id) ?? ''));
  const suffix = to < bars.length ? tokenizer.cropAt(ids, bars[to]) : [];

  // Room for the middle first (the song's own bar size as the guide), then 60/40 for before/after.
  const context = model.config.contextLength;
  const perBar = ids.length / Math.max(1, bars.length);
  const middleRoom = Math.min(Math.floor(context / 2), Math.ceil((to - from) * perBar * 1.25));
  const promptRoom = context - middleRoom - head.length - 2;
  const suffixKept = keepStart(tokenizer, suffix, Math.floor(promptRoom * 0.4));
  const prefixKept = keepEnd(tokenizer, prefix, promptRoom - suffixKept.length);
  const prompt = [...prefixKept, marks.suffix, ...suffixKept, marks.middle, ...head];

  const ticks = barTicks(song, to);
  const roles = assignRoles(chosen);
  const barLength = barSixteenths(...TIME_SIGNATURES[planBars(song.ppq, song.timeSignatures, song.tempos, 0, from + 1)[from].timeSig]);
  const register = options.registerMargin === undefined ? undefined : seedRegister(song, track, ticks[from], ticks[from + 1] - ticks[from], options.registerMargin);
  const constraints: MusicConstraints = {
    bars: to - from,
    key: options.key,
    pitchRange: options.pitchRange,
    roles,
    ...(register === undefined ? {} : { rolePitchRanges: register.byRole }),
  };
  const perBarTokens = maxTokensPerBar(roles);
  const outputs = yield* decodeSteps(model, prompt, {
    temperature: options.temperature ?? 1,
    topK: options.topK,
    topP: options.topP,
    seed: options.seed ?? 0,
    variations,
    onProgress: options.onProgress,
    maxNewTokens: (to - from) * (perBarTokens + 4),
    grammar: () => new RemiGrammar(tokenizer, constraints, barLength, perBarTokens, marks.end),
  });
  const spanTicks = ticks[to] - ticks[from];
  return outputs.map((out) => {
    const decoded = tokenizer.decodeWithBars([...head, ...out]).song;
    const fill = retimeToPpq(decoded, song.ppq);
    const named = nameLikeSeed(trimSong(fill, 0, spanTicks), song, track, (t) => t.channel);
    // a part the model left silent in the span is silent there: its old notes go too
    const silent = chosen.filter((t) => !named.tracks.some((n) => n.name === t.name && n.isDrum === t.isDrum)).map((t) => ({ ...t, notes: [] }));
    return { ...replaceSpan(song, { ...named, tracks: [...named.tracks, ...silent] }, ticks[from], ticks[to]), name: song.name };
  });
}
