/**
 * `models/index.json`: what is installed, generated from the model folders (`alea models
 * index`), so faces list models without probing folders. Each entry says which plugins can run
 * the model (those with a `model` param of its family) and summarises its card.
 */
import { z } from 'zod';
import { AleaError } from '../core/errors.ts';
import type { ModelCard } from '../ml/runtime/model-card.ts';
import type { PluginRegistry } from './registry.ts';

export const MODEL_INDEX_FILE = 'index.json';

// Schemas are built on first parse (z.lazy): building them all as modules load held the page's start-up ~20 ms.
const ModelIndexEntrySchema = z.lazy(() =>
  z.object({
    /** the folder's name under models/: what a `model` param names */
    name: z.string().min(1),
    family: z.string().min(1),
    /** ids of the plugins that run this family */
    plugins: z.array(z.string()),
    description: z.string(),
    trainedOn: z.string(),
    steps: z.number().int().nonnegative(),
    parameters: z.number().int().nonnegative(),
    metrics: z.record(z.string(), z.number()),
    /** short hash of the weight bytes, as provenance records it */
    weightsHash: z.string().min(1),
    /** Continue (transformer) models only: trained with the fill-in marks, so Infill can run it */
    infill: z.boolean().optional(),
  }),
);
export type ModelIndexEntry = z.infer<typeof ModelIndexEntrySchema>;

export const ModelIndexSchema = z.lazy(() =>
  z.object({
    generatedBy: z.string(),
    models: z.array(ModelIndexEntrySchema),
  }),
);
export type ModelIndex = z.infer<typeof ModelIndexSchema>;

/** Plugin ids whose `model` param takes models of `family`, in registration order. */
export function pluginsForFamily(registry: PluginRegistry, family: string): string[] {
  return registry
    .list()
    .filter((p) => p.descriptor.params.some((spec) => spec.kind === 'model' && spec.family === family))
    .map((p) => p.descriptor.id);
}

/** One entry from a checked folder's card and weight hash. */
export function indexEntry(name: string, card: ModelCard, weightsHash: string, registry: PluginRegistry, config?: unknown): ModelIndexEntry {
  const infill = card.family === 'transformer' ? { infill: tokenizerInfills(config) } : {};
  return {
    name,
    family: card.family,
    plugins: pluginsForFamily(registry, card.family),
    description: card.description,
    trainedOn: card.trainedOn,
    steps: card.steps,
    parameters: card.parameters,
    metrics: card.metrics,
    weightsHash,
    ...infill,
  };
}

/** Whether a transformer config.json's tokenizer has `infill: true` (what canInfill reads once built). */
export function tokenizerInfills(config: unknown): boolean {
  if (typeof config !== 'object' || config === null || !('tokenizer' in config)) return false;
  const tokenizer = config.tokenizer;
  return typeof tokenizer === 'object' && tokenizer !== null && 'infill' in tokenizer && tokenizer.infill === true;
}

/** The index file's text: entries sorted by name, stable key order, trailing newline. */
export function modelIndexToJson(entries: readonly ModelIndexEntry[]): string {
  const models = [...entries].sort((a, b) => a.name.localeCompare(b.name));
  const index: ModelIndex = { generatedBy: 'alea models index', models };
  return `${JSON.stringify(index, null, 2)}\n`;
}

/** @throws AleaError 'model' naming the file and the bad field */
export function parseModelIndex(text: string, fileName = `models/${MODEL_INDEX_FILE}`): ModelIndex {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AleaError('model', `not valid JSON (${error instanceof Error ? error.message : String(error)})`, fileName);
  }
  const parsed = ModelIndexSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AleaError('model', `field ${issue.path.join('.') || '(top)'}: ${issue.message}`, fileName);
  }
  return parsed.data;
}
