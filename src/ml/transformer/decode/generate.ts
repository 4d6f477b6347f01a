import { createRng } from '../../runtime/rng.ts';
import type { SequenceGrammar } from './constraints.ts';
import { KvCache, fullLogits } from './kv-cache.ts';
import type { TransformerModel } from '../model/model.ts';
import { sampleToken, type SamplingOptions } from './sampling.ts';
import { runSteps, runStepsYielding, type Steps, type YieldingOptions } from './steps.ts';

/** The sampling loop: prompt → new tokens per variation, under a grammar, with or without the cache. */

export interface GenerateOptions extends SamplingOptions {
  seed: number;
  variations: number;
  /** hard stop, whatever the grammar says */
  maxNewTokens: number;
  /** one grammar per variation */
  grammar: (variation: number) => SequenceGrammar;
  /** false: re-run the whole sequence for every token (slow; the reference for the cache) */
  useCache?: boolean;
  /** fraction done, 0..1, after each token */
  onProgress?: (fraction: number) => void;
}

/** New tokens of each variation (the prompt not included). Same seed and options → same tokens. */
export function generateTokens(model: TransformerModel, prompt: readonly number[], options: GenerateOptions): number[][] {
  return runSteps(decodeSteps(model, prompt, options));
}

/** `generateTokens` that gives the event loop a turn between slices and stops when `signal` aborts. */
export function generateTokensAsync(model: TransformerModel, prompt: readonly number[], options: GenerateOptions & YieldingOptions): Promise<number[][]> {
  return runStepsYielding(decodeSteps(model, prompt, options), options);
}

/** The sampling loop, one step per token (see steps.ts); the result is what generateTokens returns. */
export function* decodeSteps(model: TransformerModel, prompt: readonly number[], options: GenerateOptions): Steps<number[][]> {
  const { variations, vocab } = { variations: options.variations, vocab: model.config.vocabSize };
  const rngs = Array.from({ length: variations }, (_, v) => createRng(`continue:${options.seed}:${v}`));
  const grammars = Array.from({ length: variations }, (_, v) => options.grammar(v));
  const outputs: number[][] = Array.from({ length: variations }, () => []);
  const useCache = options.useCache !== false;
  let cache: KvCache | undefined;
  try {
    let logits: Float32Array;
    if (useCache) {
      const start = KvCache.prefill(model, prompt, variations, { capacity: prompt.length + options.maxNewTokens });
      cache = start.cache;
      logits = start.logits;
    } else {
      logits = fullLogits(model, Array.from({ length: variations }, () => prompt));
    }
    for (let t = 0; t < options.maxNewTokens; t++) {
      // 1. each unfinished sequence draws its next token from the allowed ones
      const next = grammars.map((g, v) => {
        if (g.done) return -1;
        const id = sampleToken(logits.subarray(v * vocab, (v + 1) * vocab), g.allowed(), options, rngs[v]);
        // 2. the grammar keeps it, or says the sequence ends here
        if (id >= 0 && g.advance(id)) outputs[v].push(id);
        return id;
      });
      options.onProgress?.(Math.min(1, (t + 1) / options.maxNewTokens));
      if (grammars.every((g) => g.done) || t === options.maxNewTokens - 1) break;
      yield;
      // 3. finished rows are fed padding so the batch keeps its shape; their logits are ignored
      const feed = next.map((id, v) => (grammars[v].done || id < 0 ? 0 : id));
      logits = cache ? cache.step(model, feed) : fullLogits(model, outputs.map((o, v) => [...prompt, ...padTo(o, feed[v], t + 1)]));
    }
    options.onProgress?.(1);
    return outputs;
  } finally {
    cache?.dispose();
  }
}

/** A row's tokens so far, padded with `fill` to `length` (finished rows in the uncached path). */
function padTo(tokens: readonly number[], fill: number, length: number): number[] {
  const out = tokens.slice(0, length);
  while (out.length < length) out.push(fill);
  return out;
}
