/** The shape of a saved project, checked field by field when one is read back (project-json.ts). */
import { z } from 'zod';

const num = z.number();
// Schemas are built on first parse (z.lazy): building them all as modules load held the page's start-up ~20 ms.
/** a level in dB: a number, or −Infinity for silence (z.number() refuses infinities) */
const level = z.lazy(() =>
  z.custom<number>((v) => typeof v === 'number' && (Number.isFinite(v) || v === Number.NEGATIVE_INFINITY), {
    message: 'must be a number of dB (or -Infinity)',
  }),
);
const pluginStateSchema = z.lazy(() =>
  z.strictObject({
    plugin: z.string(),
    version: z.string(),
    params: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
    bypass: z.boolean(),
    data: z.json().optional(),
  }),
);
const stripSchema = z.lazy(() =>
  z.strictObject({ volumeDb: level, pan: num, mute: z.boolean(), solo: z.boolean() }),
);
const noteSchema = z.lazy(() =>
  z.strictObject({ pitch: num, velocity: num, startTick: num, endTick: num }),
);
const songSchema = z.lazy(() =>
  z.strictObject({
    name: z.string(),
    ppq: num,
    tracks: z.array(z.strictObject({ name: z.string(), channel: num, program: num, isDrum: z.boolean(), notes: z.array(noteSchema) })),
    tempos: z.array(z.strictObject({ tick: num, bpm: num })),
    timeSignatures: z.array(z.strictObject({ tick: num, numerator: num, denominator: num })),
    keySignatures: z.array(z.strictObject({ tick: num, tonic: num, mode: z.enum(['major', 'minor']) })),
    texts: z.array(z.string()),
  }),
);

export const projectSchema = z.lazy(() =>
  z.strictObject({
    song: songSchema,
    tracks: z.array(
      z.strictObject({ instrument: pluginStateSchema, midiEffects: z.array(pluginStateSchema), chain: z.array(pluginStateSchema), strip: stripSchema }),
    ),
    audioTracks: z.array(
      z.strictObject({
        name: z.string(),
        clips: z.array(z.strictObject({ source: z.string(), startSeconds: num, offsetSeconds: num, lengthSeconds: num, gainDb: level })),
        blend: z.strictObject({ versions: z.record(z.string(), z.string()), wet: num, bypass: z.boolean() }).optional(),
        chain: z.array(pluginStateSchema),
        strip: stripSchema,
      }),
    ),
    masterVolumeDb: level,
  }),
);
