import { z } from 'zod';
import { AleaError } from '../../core/errors.ts';

/** What `card.json` says about a trained model: where it came from and how to check it. */
const ModelCardFields = z.object({
  name: z.string().min(1),
  family: z.string().min(1),
  description: z.string(),
  trainedOn: z.string(),
  steps: z.number().int().nonnegative(),
  trainingTimeSeconds: z.number().nonnegative(),
  parameters: z.number().int().nonnegative(),
  metrics: z.record(z.string(), z.number()),
  /** sha256 (hex) of every file of the folder except card.json itself */
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex')),
  createdWith: z.string(),
  /** how it was trained (optimizer, batch, schedule…), so a run can be repeated */
  recipe: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** published or measured figures to read the metrics against, one line each */
  references: z.array(z.string()).optional(),
  /** how the float weights are stored (absent: float32); `alea models quantize` writes float16 */
  weightsDtype: z.enum(['float32', 'float16']).optional(),
  /** bytes of the weight shards as trained (float32) and as stored now */
  weightBytes: z.object({ float32: z.number().int().nonnegative(), stored: z.number().int().nonnegative() }).optional(),
  /** how the stored weights were checked (held-out figures before and after quantization) */
  weightsNote: z.string().optional(),
});
export type ModelCard = z.infer<typeof ModelCardFields>;
/** Extra fields are kept (later versions may add some). */
export const ModelCardSchema = ModelCardFields.loose();

/** The card a caller fills in; the saver adds `files` and counts `parameters` if absent. */
export type ModelCardInput = Omit<ModelCard, 'files' | 'parameters'> & { parameters?: number };

/** `config.json`: any JSON object; each family validates its own fields. */
export const ModelConfigEnvelopeSchema = z.looseObject({
  family: z.string().min(1).optional(),
});

const WeightSpecSchema = z.object({
  name: z.string().min(1),
  shape: z.array(z.number().int().nonnegative()),
  dtype: z.enum(['float32', 'int32']),
  /** float32 weights stored as float16 (tfjs's own quantization format; decoded on load) */
  quantization: z.object({ dtype: z.literal('float16'), original_dtype: z.literal('float32') }).optional(),
});

/** `model.json`, in tfjs's weights-manifest format (so tf.io's own loaders read it). */
export const ModelJsonSchema = z.looseObject({
  format: z.literal('alea-weights'),
  generatedBy: z.string().optional(),
  modelTopology: z.unknown().optional(),
  weightsManifest: z
    .array(z.object({ paths: z.array(z.string().min(1)).min(1), weights: z.array(WeightSpecSchema) }))
    .length(1, 'one weight group'),
});
export type ModelJson = z.infer<typeof ModelJsonSchema>;
export type WeightSpec = z.infer<typeof WeightSpecSchema>;

/** Parses JSON text against a schema, or throws one line (kind 'model') naming the file and field. */
export function parseModelFile<T>(fileName: string, text: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new AleaError('model', `${fileName} is not valid JSON (${why})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? `field ${issue.path.join('.')}: ` : '';
    throw new AleaError('model', `${fileName}: ${where}${issue.message}`);
  }
  return parsed.data;
}
