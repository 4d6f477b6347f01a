import type { Rng } from '../../runtime/rng.ts';

/** Choosing the next token from logits, on the CPU (one row is a few hundred numbers). */

export interface SamplingOptions {
  /** 0 = always the most likely token; 1 = the model's own distribution */
  temperature: number;
  /** keep only the k most likely tokens (0 or undefined: all) */
  topK?: number;
  /** keep the smallest set of most likely tokens whose probability reaches p (1 or undefined: all) */
  topP?: number;
}

// Scratch reused by every draw (sampling runs once per token; no allocation per call).
let order = new Int32Array(256);
let weights = new Float64Array(256);

/**
 * Draws one id from `logits` restricted to `allowed` (1 = may be chosen; null = all). Returns -1
 * when nothing is allowed. Uses exactly one draw from `rng` per call, whatever the options, so the
 * same seed gives the same tokens.
 */
export function sampleToken(logits: ArrayLike<number>, allowed: Uint8Array | null, options: SamplingOptions, rng: Rng): number {
  const u = rng.next();
  const size = logits.length;
  if (order.length < size) {
    order = new Int32Array(size);
    weights = new Float64Array(size);
  }
  let n = 0;
  for (let i = 0; i < size; i++) {
    if ((allowed === null || allowed[i] === 1) && Number.isFinite(logits[i])) order[n++] = i;
  }
  if (n === 0) return -1;
  if (!(options.temperature > 0)) {
    // the most likely token, the lowest id among equals
    let best = order[0];
    for (let c = 1; c < n; c++) if (logits[order[c]] > logits[best]) best = order[c];
    return best;
  }
  // most likely first (ties: lower id first); the draw walks this order
  const candidates = order.subarray(0, n).sort((a, b) => logits[b] - logits[a] || a - b);
  const k = options.topK !== undefined && options.topK > 0 ? Math.min(options.topK, n) : n;
  const top = logits[candidates[0]];
  let total = 0;
  for (let c = 0; c < k; c++) {
    weights[c] = Math.exp((logits[candidates[c]] - top) / options.temperature);
    total += weights[c];
  }
  let kept = k;
  const p = options.topP;
  if (p !== undefined && p > 0 && p < 1) {
    let cumulative = 0;
    let m = 0;
    while (m < k && cumulative < p * total) cumulative += weights[m++];
    kept = Math.max(1, m);
    total = 0;
    for (let c = 0; c < kept; c++) total += weights[c];
  }
  let at = u * total;
  for (let c = 0; c < kept; c++) {
    at -= weights[c];
    if (at < 0) return candidates[c];
  }
  return candidates[kept - 1];
}
