import { z } from 'zod';
import { AleaError } from '../../../core/errors.ts';
import type { TokenizerConfig } from '../tokenizers/tokenizer.ts';
import type { TrackSelection } from '../tokenizers/track-selection.ts';

/** Everything needed to rebuild a Continue model: stored as the model folder's config.json. */
export interface TransformerConfig {
  family: 'transformer';
  vocabSize: number;
  dModel: number;
  heads: number;
  layers: number;
  dFF: number;
  dropout: number;
  /** training window; ALiBi/RoPE let the model read longer sequences than this */
  contextLength: number;
  positional: 'rope' | 'alibi';
  tokenizer: TokenizerConfig;
  /** tracks of a MIDI file the model was trained on (and reads from a seed by default) */
  trackSelection: TrackSelection;
}

const TrackSelectionSchema = z.union([
  z.literal('melody'),
  z.literal('all'),
  z.object({ name: z.string() }),
  z.object({ index: z.number().int().nonnegative() }),
]);

const TokenizerSchema = z.union([
  z.object({ kind: z.literal('remi'), minPitch: z.number().int().min(0).max(127), maxPitch: z.number().int().min(0).max(127), infill: z.boolean().optional() }),
  z.object({
    kind: z.literal('grid'), minPitch: z.number().int().min(0).max(127), maxPitch: z.number().int().min(0).max(127),
    stepsPerQuarter: z.number().int().positive(),
    pitchOrder: z.enum(['ascending', 'descending']).optional(),
  }),
]);

export const TransformerConfigSchema = z.object({
  family: z.literal('transformer'),
  vocabSize: z.number().int().positive(),
  dModel: z.number().int().positive(),
  heads: z.number().int().positive(),
  layers: z.number().int().positive(),
  dFF: z.number().int().positive(),
  dropout: z.number().min(0).max(0.9),
  contextLength: z.number().int().positive(),
  positional: z.enum(['rope', 'alibi']),
  tokenizer: TokenizerSchema,
  trackSelection: TrackSelectionSchema.default('melody'),
});

/** Checks a config.json value; a bad one is refused with the field that is wrong. */
export function parseTransformerConfig(value: unknown): TransformerConfig {
  const parsed = TransformerConfigSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AleaError('model', `config.json: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const config = parsed.data;
  if (config.dModel % config.heads !== 0) throw new AleaError('model', `config.json: dModel ${config.dModel} is not a multiple of heads ${config.heads}`);
  if (config.positional === 'rope' && (config.dModel / config.heads) % 2 !== 0) {
    throw new AleaError('model', 'config.json: RoPE needs an even head size');
  }
  return config;
}

/** Trainable parameters of a model with this config (the output projection shares the embedding). */
export function parameterCount(config: Pick<TransformerConfig, 'vocabSize' | 'dModel' | 'layers' | 'dFF'>): number {
  const d = config.dModel;
  const layerNorm = 2 * d;
  const attention = d * 3 * d + 3 * d + d * d + d;
  const mlp = d * config.dFF + config.dFF + config.dFF * d + d;
  return config.vocabSize * d + config.layers * (2 * layerNorm + attention + mlp) + layerNorm;
}
