import { createRng, type Rng } from '../../runtime/rng.ts';
import { infillWindow } from '../tokenizers/infill-format.ts';
import { RemiTokenizer } from '../tokenizers/remi-tokenizer.ts';
import { boundaries, type MusicTokenizer } from '../tokenizers/tokenizer.ts';

/**
 * The data pipeline after tokenization (no file access here, so the browser can feed it): a
 * stable train/valid split, random windows that start at bar (or step) lines, transposition
 * augmentation, and packing into [batch, time] arrays with next-token targets and a loss mask.
 */

export interface TokenPiece {
  name: string;
  ids: number[];
}

/** One batch as plain arrays (they cross worker boundaries; tensors are made inside the loss). */
export interface TokenBatch {
  batch: number;
  time: number;
  /** [batch × time] input ids */
  inputs: Int32Array;
  /** [batch × time] next-token ids */
  targets: Int32Array;
  /** [batch × time] 1 where the target counts in the loss */
  mask: Float32Array;
}

/** FNV-1a: a stable 32-bit hash of a file name, the same in every run and on every machine. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** True when a piece belongs to the validation split (decided by its name alone). */
export function isValidationPiece(name: string, validFraction: number): boolean {
  return stableHash(name) % 10000 < Math.round(validFraction * 10000);
}

export function splitPieces(pieces: readonly TokenPiece[], validFraction: number): { train: TokenPiece[]; valid: TokenPiece[] } {
  const train: TokenPiece[] = [];
  const valid: TokenPiece[] = [];
  for (const p of pieces) (isValidationPiece(p.name, validFraction) ? valid : train).push(p);
  return { train, valid };
}

/**
 * Shifts every Pitch id by `semitones` (Pitch ids are contiguous, so this is transposition).
 * The caller keeps the result in range (see `transpositionRange`).
 */
export function transposeIds(tokenizer: MusicTokenizer, ids: readonly number[], semitones: number): number[] {
  const f = tokenizer.vocab.family('Pitch');
  return ids.map((id) => (id >= f.first && id < f.first + f.size ? id + semitones : id));
}

/** Shifts in [-maxShift, maxShift] that keep every pitch of `ids` inside the vocabulary. */
export function transpositionRange(tokenizer: MusicTokenizer, ids: readonly number[], maxShift: number): [number, number] {
  const f = tokenizer.vocab.family('Pitch');
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const id of ids) {
    if (id >= f.first && id < f.first + f.size) {
      lo = Math.min(lo, id - f.first);
      hi = Math.max(hi, id - f.first);
    }
  }
  if (lo > hi) return [0, 0];
  return [Math.max(-maxShift, -lo), Math.min(maxShift, f.size - 1 - hi)];
}

export interface WindowOptions {
  contextLength: number;
  /** largest random transposition in semitones (0: none) */
  maxTranspose: number;
  seed: number;
  /** share of windows laid out for fill-in-the-middle (REMI models with infill marks; default 0) */
  infillRate?: number;
}

/** Draws training windows: pieces weighted by length, starts at bar/step lines. */
export class WindowSampler {
  private readonly starts: number[][];
  private readonly cumulative: number[];

  constructor(
    private readonly tokenizer: MusicTokenizer,
    private readonly pieces: readonly TokenPiece[],
    private readonly options: WindowOptions,
  ) {
    if (pieces.length === 0) throw new Error('the training split is empty');
    const span = options.contextLength + 1;
    // Starts that leave a full window where the piece allows; always at least the piece start.
    this.starts = pieces.map((p) => {
      const all = boundaries(tokenizer, p.ids);
      const full = all.filter((b) => b <= p.ids.length - span);
      return full.length > 0 ? full : [0];
    });
    let total = 0;
    this.cumulative = pieces.map((p) => (total += p.ids.length));
  }

  /** Window `item` of the sequence seeded by `seed`: the same arguments give the same window. */
  window(step: number, item: number): number[] {
    const rng = createRng(`window:${this.options.seed}:${step}:${item}`);
    const piece = this.pickPiece(rng);
    const starts = this.starts[piece];
    const start = starts[rng.int(starts.length)];
    const span = this.options.contextLength + 1;
    let ids = this.tokenizer.cropAt(this.pieces[piece].ids, start).slice(0, span);
    if (this.options.maxTranspose > 0) {
      const [lo, hi] = transpositionRange(this.tokenizer, ids, this.options.maxTranspose);
      ids = transposeIds(this.tokenizer, ids, lo + rng.int(hi - lo + 1));
    }
    const rate = this.options.infillRate ?? 0;
    if (rate > 0 && this.tokenizer instanceof RemiTokenizer && rng.next() < rate) ids = infillWindow(this.tokenizer, ids, span, rng);
    return ids;
  }

  private pickPiece(rng: Rng): number {
    const total = this.cumulative[this.cumulative.length - 1];
    const at = rng.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > at) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** A window with the first `scoreFrom` of its targets left out of the loss (already scored elsewhere). */
export interface ScoredWindow {
  ids: number[];
  /** targets at positions < scoreFrom are not scored */
  scoreFrom: number;
  /** when given, only the targets at these positions are scored (scoreFrom is then ignored) */
  scoreAt?: ReadonlySet<number>;
}

/**
 * Windows that together score every token of a piece after BOS exactly once, each with as much
 * left context as fits (about half a window); they start at bar/step lines where possible.
 */
export function evaluationWindows(tokenizer: MusicTokenizer, ids: readonly number[], contextLength: number): ScoredWindow[] {
  const out: ScoredWindow[] = [];
  const lines = boundaries(tokenizer, ids);
  let start = 0;
  let scoredUpTo = 1; // ids[0] (BOS) is never a target
  while (scoredUpTo < ids.length) {
    const crop = tokenizer.cropAt(ids, start);
    const inserted = crop.length - (ids.length - start);
    const window = crop.slice(0, contextLength + 1);
    // target position j predicts window[j + 1], which is ids[start + j + 1 - inserted]
    const scoreFrom = Math.max(inserted, scoredUpTo - start - 1 + inserted);
    out.push({ ids: window, scoreFrom });
    scoredUpTo = start + window.length - inserted;
    const wanted = scoredUpTo - Math.floor(contextLength / 2);
    const next = lines.filter((b) => b > start && b <= wanted).pop() ?? lines.find((b) => b > start && b < scoredUpTo);
    start = next ?? scoredUpTo - 1;
  }
  return out;
}

/** Packs windows into a batch; short windows are padded and their padding is masked. */
export function packWindows(tokenizer: MusicTokenizer, windows: readonly ScoredWindow[], time: number): TokenBatch {
  const batch = windows.length;
  const inputs = new Int32Array(batch * time).fill(tokenizer.pad);
  const targets = new Int32Array(batch * time).fill(tokenizer.pad);
  const mask = new Float32Array(batch * time);
  windows.forEach((w, b) => {
    for (let t = 0; t < time && t + 1 < w.ids.length; t++) {
      inputs[b * time + t] = w.ids[t];
      targets[b * time + t] = w.ids[t + 1];
      const scored = w.scoreAt === undefined ? t >= w.scoreFrom : w.scoreAt.has(t);
      mask[b * time + t] = scored && w.ids[t + 1] !== tokenizer.pad ? 1 : 0;
    }
  });
  return { batch, time, inputs, targets, mask };
}
