/**
 * What a Latent Synth instance keeps beyond its params (its state's and presets' `data`): the
 * sounds it morphs between, as latents of the timbre VAE, and where on the pad to stand.
 */
import { z } from 'zod';
import { badInput } from '../../../core/errors.ts';
import { morphLatent, type MorphPath } from '../../../ml/vae/latent-math.ts';
import type { PluginData } from '../../types.ts';
import { describeZodIssue } from '../../zod-issues.ts';

export type LatentSound = {
  /** what the user called it (a file name, "surprise 7") */
  name: string;
  /** its point in the VAE's latent space (the posterior mean) */
  latent: number[];
  /** the detected MIDI pitch of the sound it came from, when it had a clear one */
  pitch?: number;
};

/**
 * One sound plays as itself; two are the ends of a slider (x); four are the pad's corners in the
 * order bottom-left, bottom-right, top-left, top-right (x, then y).
 */
export type LatentSynthData = {
  sounds: LatentSound[];
};

export const SOUND_COUNTS = [1, 2, 4] as const;

// Schemas are built on first parse (z.lazy): building them all as modules load held the page's start-up ~20 ms.
const soundSchema = z.lazy(() =>
  z.strictObject({
    name: z.string().min(1).max(200),
    latent: z.array(z.number()).min(2).max(256),
    pitch: z.number().min(0).max(127).optional(),
  }),
);

const dataSchema = z.lazy(() =>
  z.strictObject({ sounds: z.array(soundSchema) }),
);

/**
 * Checks a Latent Synth `data` value (from a preset, a saved project, the app).
 * @throws AleaError 'bad-input' naming the bad field, e.g. "field 'sounds.1.latent' …"
 */
export function parseLatentSynthData(raw: unknown): LatentSynthData {
  const parsed = dataSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw badInput(describeZodIssue(parsed.error.issues[0]));
  const { sounds } = parsed.data;
  if (!(SOUND_COUNTS as readonly number[]).includes(sounds.length)) {
    throw badInput(`field 'sounds' must hold 1, 2 or 4 sounds, got ${sounds.length}`);
  }
  const size = sounds[0].latent.length;
  sounds.forEach((s, i) => {
    if (s.latent.length !== size) throw badInput(`field 'sounds.${i}.latent' has ${s.latent.length} values but 'sounds.0.latent' has ${size}`);
  });
  return { sounds: sounds.map((s) => ({ ...s })) };
}

/** The data as plain JSON for a state or preset (latents rounded to 6 significant digits). */
export function latentSynthDataToJson(data: LatentSynthData): PluginData {
  return {
    sounds: data.sounds.map((s) => {
      const sound: Record<string, PluginData> = { name: s.name, latent: s.latent.map((v) => Number(v.toPrecision(6))) };
      if (s.pitch !== undefined) sound.pitch = s.pitch;
      return sound;
    }),
  };
}

/**
 * The latent point the instrument plays: the sound itself (one), the morph at x (two), or the
 * pad's blend at (x, y) (four: each edge is the morph between its two corners).
 */
export function latentPoint(data: LatentSynthData, x: number, y: number, path: MorphPath): Float32Array {
  const [a, b, c, d] = data.sounds.map((s) => Float32Array.from(s.latent));
  if (data.sounds.length === 1) return a;
  if (data.sounds.length === 2) return morphLatent(a, b, x, path);
  const bottom = morphLatent(a, b, x, path);
  const top = morphLatent(c, d, x, path);
  return morphLatent(bottom, top, y, path);
}
