import type { Rng } from '../runtime/rng.ts';

/** Choosing the next token from logits, on the CPU (one row is a few hundred numbers). */

export interface SamplingOptions {
  /** 0 = always the most likely token; 1 = the model's own distribution */
  temperature: number;
  /** keep only the k most likely tokens (0 or undefined: all) */
  topK?: number;
  /** keep the smallest set of most likely tokens whose probability reaches p (1 or undefined: all) */
  topP?: number;
}

/**
 * Draws one id from `logits` restricted to `allowed` (1 = may be chosen; null = all). Returns -1
 * when nothing is allowed. Uses exactly one draw from `rng` per call, whatever the options, so the
 * same seed gives the same tokens.
 */
export function sampleToken(logits: ArrayLike<number>, allowed: Uint8Array | null, options: SamplingOptions, rng: Rng): number {
  const u = rng.next();
  const candidates: number[] = [];
  for (let i = 0; i < logits.length; i++) {
    if ((allowed === null || allowed[i] === 1) && Number.isFinite(logits[i])) candidates.push(i);
  }
  if (candidates.length === 0) return -1;
  candidates.sort((a, b) => logits[b] - logits[a] || a - b);
  if (!(options.temperature > 0)) return candidates[0];
  const k = options.topK !== undefined && options.topK > 0 ? Math.min(options.topK, candidates.length) : candidates.length;
  const kept = candidates.slice(0, k);
  const top = logits[kept[0]];
  const weights = kept.map((i) => Math.exp((logits[i] - top) / options.temperature));
  let total = weights.reduce((a, b) => a + b, 0);
  const p = options.topP;
  if (p !== undefined && p > 0 && p < 1) {
    let cumulative = 0;
    let n = 0;
    while (n < weights.length && cumulative < p * total) cumulative += weights[n++];
    weights.length = Math.max(1, n);
    total = weights.reduce((a, b) => a + b, 0);
  }
  let at = u * total;
  for (let i = 0; i < weights.length; i++) {
    at -= weights[i];
    if (at < 0) return kept[i];
  }
  return kept[weights.length - 1];
}
