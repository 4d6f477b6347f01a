import type { TransformerModel } from '../model/model.ts';
import { infillLayout, infillMarks } from '../tokenizers/infill-format.ts';
import type { RemiTokenizer } from '../tokenizers/remi-tokenizer.ts';
import type { ScoredWindow, TokenPiece } from '../train/dataset.ts';
import { scoreWindows } from '../train/transformer-task.ts';

/**
 * How much knowing the bars after helps: the NLL of the same middle bars of held-out pieces,
 * scored once in the fill-in-the-middle layout (bars before + bars after, then the middle) and
 * once left to right (bars before only), in nats per note. Only the middle's notes, positions and
 * bar lines are scored, never the meter/tempo restatements or the marks, so both count the same
 * tokens.
 */

export interface InfillNllOptions {
  /** bars before the middle (fewer where the context cannot hold them) */
  beforeBars: number;
  middleBars: number;
  afterBars: number;
}

export interface InfillNllFigures {
  infillNllPerNote: number;
  leftToRightNllPerNote: number;
  infillNotes: number;
  infillPieces: number;
}

const HEADER_KINDS = new Set(['TimeSig', 'Tempo']);

/** Positions (as targets: index − 1) of the middle tokens worth scoring in `ids[from..to)`. */
function middleTargets(tokenizer: RemiTokenizer, ids: readonly number[], from: number, to: number): Set<number> {
  const out = new Set<number>();
  for (let i = from + 1; i < to; i++) {
    // the first Bar is given in both layouts (it is the prompt's last token)
    if (!HEADER_KINDS.has(tokenizer.vocab.kind(ids[i]) ?? '')) out.add(i - 1);
  }
  return out;
}

function barIndices(tokenizer: RemiTokenizer, ids: readonly number[]): number[] {
  const bar = tokenizer.vocab.id('Bar');
  return ids.flatMap((id, i) => (id === bar ? [i] : []));
}

export function infillNll(model: TransformerModel, tokenizer: RemiTokenizer, pieces: readonly TokenPiece[], options: InfillNllOptions): InfillNllFigures {
  const marks = infillMarks(tokenizer);
  if (marks === undefined) throw new Error('this model has no infill marks');
  const span = model.config.contextLength + 1;
  const fim: ScoredWindow[] = [];
  const plain: ScoredWindow[] = [];
  for (const piece of pieces) {
    const bars = barIndices(tokenizer, piece.ids);
    const middle = options.beforeBars;
    const end = middle + options.middleBars + options.afterBars;
    if (bars.length <= end) continue;
    // fewer bars before when the window would not fit the context
    for (let before = options.beforeBars; before >= 1; before--) {
      const start = bars[middle - before];
      const window = tokenizer.cropAt(piece.ids.slice(0, bars[end]), start);
      const shift = bars[middle - before] - (window.length - (bars[end] - start));
      const local = bars.slice(middle - before, end + 1).map((b) => b - shift);
      const laid = infillLayout(tokenizer, window.slice(0, local[local.length - 1]), before, before + options.middleBars);
      if (laid.length > span) continue;
      // left to right: the window up to the middle's end, the middle's tokens scored
      const leftIds = window.slice(0, local[before + options.middleBars]);
      plain.push({ ids: leftIds, scoreFrom: 0, scoreAt: middleTargets(tokenizer, leftIds, local[before], leftIds.length) });
      // fill-in-the-middle: the middle sits between FillMiddle and FillEnd
      const at = laid.indexOf(marks.middle) + 1;
      fim.push({ ids: laid, scoreFrom: 0, scoreAt: middleTargets(tokenizer, laid, at, laid.length - 1) });
      break;
    }
  }
  const a = scoreWindows(model, tokenizer, fim);
  const b = scoreWindows(model, tokenizer, plain);
  return {
    infillNllPerNote: a.nll / Math.max(1, a.units),
    leftToRightNllPerNote: b.nll / Math.max(1, b.units),
    infillNotes: a.units,
    infillPieces: fim.length,
  };
}
