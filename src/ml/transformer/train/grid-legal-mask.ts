import type { GridTokenizer } from '../tokenizers/grid-tokenizer.ts';

/**
 * The grid grammar as an additive logit mask: after a pitch only pitches further in the
 * tokenizer's order (or StepEnd) can follow, and PAD/BOS never do. The sampler obeys the same
 * grammar (GridGrammar), so scoring under it measures the distribution Continue samples from
 * rather than wasting probability on sequences it can never write.
 */

const IMPOSSIBLE = -1e9;

/** Additive mask [inputs.length × vocab]: 0 where the next token is possible after `inputs[j]`, −1e9 where not. */
export function gridLegalMask(tokenizer: GridTokenizer, inputs: ArrayLike<number>): Float32Array {
  const vocab = tokenizer.vocab.size;
  const pitches = tokenizer.vocab.family('Pitch');
  const rows = new Map<number, Float32Array>();
  const rowAfter = (previous: number): Float32Array => {
    const cached = rows.get(previous);
    if (cached) return cached;
    const row = new Float32Array(vocab).fill(IMPOSSIBLE);
    const isPitch = previous >= pitches.first && previous < pitches.first + pitches.size;
    if (previous === tokenizer.pad) row.fill(0); // padding is never scored
    else {
      const last = isPitch ? tokenizer.minPitch + previous - pitches.first : undefined;
      for (let i = 0; i < pitches.size; i++) if (tokenizer.follows(last, tokenizer.minPitch + i)) row[pitches.first + i] = 0;
      row[tokenizer.stepEnd] = 0;
      if (!isPitch) row[tokenizer.eos] = 0;
    }
    rows.set(previous, row);
    return row;
  };
  const out = new Float32Array(inputs.length * vocab);
  for (let j = 0; j < inputs.length; j++) out.set(rowAfter(inputs[j]), j * vocab);
  return out;
}
