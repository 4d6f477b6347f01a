import { createRng } from '../runtime/rng.ts';
import { generateTokens } from '../transformer/decode/generate.ts';
import type { TransformerModel } from '../transformer/model/model.ts';
import { OpenGrammar } from './open-grammar.ts';

/** Speed of Continue's sampling loop, for `alea bench` (numbers only; the CLI prints). */

export interface CacheFigure {
  context: number;
  newTokens: number;
  cachedTokensPerSecond: number;
  uncachedTokensPerSecond: number;
  /** cached / uncached */
  ratio: number;
}

function randomPrompt(model: TransformerModel, length: number, seed: number): number[] {
  const rng = createRng(`bench-prompt:${seed}`);
  return Array.from({ length }, () => 1 + rng.int(model.config.vocabSize - 1));
}

/** Seconds to sample `newTokens` after `prompt` (prefill included: it is what the user waits for). */
function timeGeneration(model: TransformerModel, prompt: number[], newTokens: number, useCache: boolean): number {
  const started = performance.now();
  generateTokens(model, prompt, {
    temperature: 1,
    seed: 1,
    variations: 1,
    maxNewTokens: newTokens,
    useCache,
    grammar: () => new OpenGrammar(model.config.vocabSize),
  });
  return (performance.now() - started) / 1000;
}

/**
 * Tokens per second with the key/value cache and with a full re-run per token, continuing a
 * prompt that fills the context up to `context` tokens. The cached figure counts its one prefill.
 */
export function benchCache(model: TransformerModel, context: number, newTokens: number): CacheFigure {
  const prompt = randomPrompt(model, context - newTokens, context);
  timeGeneration(model, prompt.slice(0, 16), 4, true); // warm the kernels
  const cached = timeGeneration(model, prompt, newTokens, true);
  const uncached = timeGeneration(model, prompt, newTokens, false);
  return {
    context,
    newTokens,
    cachedTokensPerSecond: newTokens / cached,
    uncachedTokensPerSecond: newTokens / uncached,
    ratio: uncached / cached,
  };
}

/** Steady decode throughput (cache on, one sequence) after a short prompt. */
export function benchDecode(model: TransformerModel, newTokens = 256): number {
  const prompt = randomPrompt(model, 16, 7);
  timeGeneration(model, prompt, 8, true);
  return newTokens / timeGeneration(model, prompt, newTokens, true);
}
