/** The JSON header of a project file (project-file.ts), checked field by field when a file is opened. */
import { z } from 'zod';

// Schemas are built on first parse (z.lazy): building them all as modules load held the page's start-up ~20 ms.
/** Audio stored after the header: `channels` planar float32 runs of `frames` samples from `offset`. */
const audioRefSchema = z.lazy(() =>
  z.strictObject({
    sampleRate: z.number().positive().max(768_000),
    channels: z.int().min(1).max(32),
    frames: z.int().nonnegative(),
    /** bytes from the start of the audio section, a multiple of 4 */
    offset: z.int().nonnegative().multipleOf(4),
  }),
);

const paramsSchema = z.lazy(() =>
  z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
);

const provenanceSchema = z.lazy(() =>
  z.strictObject({
    generator: z.string(),
    model: z.strictObject({ name: z.string(), sha256: z.string() }).optional(),
    params: paramsSchema.optional(),
    seed: z.number().optional(),
    source: z.string().optional(),
  }),
);

const zoneSchema = z.lazy(() =>
  z.strictObject({
    rootPitch: z.number(),
    loPitch: z.number(),
    hiPitch: z.number(),
    loVelocity: z.number(),
    hiVelocity: z.number(),
    /** index into `audio` */
    audio: z.int().nonnegative(),
    /** sustain loop in frames (checked against the audio's length when read) */
    loop: z.strictObject({ start: z.int().nonnegative(), end: z.int().positive() }).optional(),
  }),
);

/** A voice built in the ML worker (Latent Synth's multisample set), kept so the project plays without rebuilding it. */
const builtVoiceSchema = z.lazy(() =>
  z.strictObject({
    plugin: z.string(),
    params: paramsSchema,
    data: z.json().optional(),
    voice: z.strictObject({
      kind: z.literal('multisample'),
      sampleRate: z.number().positive().max(768_000),
      zones: z.array(zoneSchema),
      attack: z.number(),
      release: z.number(),
      volume: z.number(),
      oneShot: z.boolean().optional(),
    }),
  }),
);

export const PROJECT_FORMAT = 'alea-project';
export const PROJECT_FORMAT_VERSION = 1;

export const projectHeaderSchema = z.lazy(() =>
  z.strictObject({
    format: z.literal(PROJECT_FORMAT),
    version: z.literal(PROJECT_FORMAT_VERSION),
    /** the app that wrote the file, e.g. "Alea 0.1.0" */
    generator: z.string(),
    title: z.string(),
    provenance: provenanceSchema.nullable(),
    /** the engine's project as projectToJson writes it (read back with projectFromJson) */
    project: z.string(),
    audio: z.array(audioRefSchema),
    /** the project's audio pool: source id → index into `audio` */
    sources: z.record(z.string(), z.int().nonnegative()),
    voices: z.array(builtVoiceSchema),
  }),
);

export type ProjectHeader = z.infer<typeof projectHeaderSchema>;
export type AudioRef = z.infer<typeof audioRefSchema>;
export type StoredVoice = z.infer<typeof builtVoiceSchema>;
