import type { Rng } from '../../runtime/rng.ts';
import type { RemiTokenizer } from './remi-tokenizer.ts';

/**
 * Fill-in-the-middle layout for REMI (prefix–suffix–middle, after Bavarian et al. 2022):
 *
 *   prefix bars · FillSuffix · suffix bars (restating meter and tempo) · FillMiddle · middle bars · FillEnd
 *
 * A model trained on windows in this layout, mixed with plain ones, still continues left to right
 * and can also write bars i..j knowing what comes before and after them. Only tokenizers built
 * with `infill: true` have the marks.
 */

export interface InfillMarks {
  suffix: number;
  middle: number;
  end: number;
}

/** The marks' ids, or undefined when the tokenizer has none (a plain model). */
export function infillMarks(tokenizer: RemiTokenizer): InfillMarks | undefined {
  if (tokenizer.config.infill !== true) return undefined;
  const v = tokenizer.vocab;
  return { suffix: v.id('FillSuffix'), middle: v.id('FillMiddle'), end: v.id('FillEnd') };
}

/** Indices of the Bar tokens of `ids`. */
function barStarts(tokenizer: RemiTokenizer, ids: readonly number[]): number[] {
  const bar = tokenizer.vocab.id('Bar');
  const out: number[] = [];
  ids.forEach((id, i) => {
    if (id === bar) out.push(i);
  });
  return out;
}

/**
 * Lays out `ids` (a sequence of whole bars from its first Bar on, optionally BOS first) with bars
 * [from, to) as the middle: prefix + FillSuffix + suffix + FillMiddle + middle + FillEnd. Bars are
 * counted from 0 at the first Bar. The suffix restates meter and tempo (`cropAt`) because it no
 * longer follows the bars that set them.
 */
export function infillLayout(tokenizer: RemiTokenizer, ids: readonly number[], from: number, to: number): number[] {
  const marks = infillMarks(tokenizer);
  if (marks === undefined) throw new Error('this model has no infill marks (it was trained to continue only)');
  const bars = barStarts(tokenizer, ids);
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to > from && to <= bars.length)) {
    throw new RangeError(`bars ${from}..${to} are not inside the ${bars.length} bars given`);
  }
  const middleStart = bars[from];
  const middleEnd = to < bars.length ? bars[to] : ids.length;
  const prefix = ids.slice(0, middleStart);
  const middle = ids.slice(middleStart, middleEnd);
  // the middle's first Bar restates the state too, so it reads the same whatever precedes it
  const suffix = to < bars.length ? tokenizer.cropAt(ids, middleEnd) : [];
  return [...prefix, marks.suffix, ...suffix, marks.middle, ...tokenizer.cropAt([...ids.slice(0, middleStart), ...middle], middleStart), marks.end];
}

/**
 * A training window in the infill layout: `window` (as the window sampler cut it: `span` tokens
 * or fewer, starting at a Bar or BOS) keeps its first bars whole, a random run of 1..4 of them
 * becomes the middle, and the result is cut to `span` tokens so the middle comes last. Returns
 * the window unchanged when it has fewer than two whole bars.
 */
export function infillWindow(tokenizer: RemiTokenizer, window: readonly number[], span: number, rng: Rng): number[] {
  const bars = barStarts(tokenizer, window);
  // the last bar of a window is usually cut short: only whole bars are laid out
  const whole = bars.length - 1;
  if (whole < 2) return [...window];
  const ids = window.slice(0, bars[whole]);
  const length = 1 + rng.int(Math.min(4, whole - 1));
  const from = rng.int(whole - length + 1);
  const laid = infillLayout(tokenizer, ids, from, from + length);
  if (laid.length <= span) return laid;
  // too long (restated headers): shorten the suffix from its end, keep the middle whole
  const marks = infillMarks(tokenizer);
  if (marks === undefined) return [...window];
  const suffixAt = laid.indexOf(marks.suffix);
  const middleAt = laid.indexOf(marks.middle);
  const excess = laid.length - span;
  if (middleAt - suffixAt - 1 < excess) return [...window];
  return [...laid.slice(0, middleAt - excess), ...laid.slice(middleAt)];
}
