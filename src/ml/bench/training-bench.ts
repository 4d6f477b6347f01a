import type { TransformerConfig } from '../transformer/model/config.ts';

/**
 * Matmul FLOPs of one training step per token: forward products (QKV, output, MLP, tied output
 * projection, and the attention scores and mix over `context` positions) times 3 for the backward
 * pass. Elementwise work is not counted, as is usual for FLOP utilisation figures.
 */
export function trainingFlopsPerToken(config: Pick<TransformerConfig, 'dModel' | 'dFF' | 'layers' | 'vocabSize'>, context: number): number {
  const { dModel: d, dFF: f, layers, vocabSize } = config;
  const perLayer = 2 * (d * 3 * d + d * d + 2 * d * f) + 2 * 2 * context * d;
  const forward = layers * perLayer + 2 * d * vocabSize + 2 * d * vocabSize; // one-hot embedding + tied projection
  return 3 * forward;
}
