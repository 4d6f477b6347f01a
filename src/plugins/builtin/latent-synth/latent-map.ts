/**
 * A map of the training sounds: their latents projected to 2-D by PCA (the model folder's
 * optional `map.json`, made by scripts/make-latent-map.ts). A linear projection, so any sound's
 * latent (the user's, the pad's point) lands on the same map.
 */
import { z } from 'zod';
import { badInput } from '../../../core/errors.ts';
import { describeZodIssue } from '../../zod-issues.ts';

export const LATENT_MAP_FILE = 'map.json';

// Schemas are built on first parse (z.lazy): building them all as modules load held the page's start-up ~20 ms.
const mapSchema = z.lazy(() =>
  z.strictObject({
    format: z.literal('alea-latent-map'),
    version: z.literal(1),
    /** the VAE's weight hash the latents came from */
    weightsHash: z.string(),
    mean: z.array(z.number()),
    /** two unit vectors: the map's x and y axes in latent space */
    axes: z.tuple([z.array(z.number()), z.array(z.number())]),
    /** instrument families, indexed by each point's third value */
    families: z.array(z.string()),
    /** [x, y, family index] per training sound */
    points: z.array(z.tuple([z.number(), z.number(), z.number().int().min(0)])),
  }),
);

export type LatentMap = z.infer<typeof mapSchema>;

/** @throws AleaError 'bad-input' naming the file and field */
export function parseLatentMap(text: string, fileName = LATENT_MAP_FILE): LatentMap {
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch {
    throw badInput('is not valid JSON', fileName);
  }
  const parsed = mapSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw badInput(describeZodIssue(parsed.error.issues[0]), fileName);
  const map = parsed.data;
  const d = map.mean.length;
  if (map.axes.some((a) => a.length !== d)) throw badInput(`field 'axes' must hold two vectors of ${d} values`, fileName);
  return map;
}

/** Where a latent lands on the map. */
export function projectLatent(map: Pick<LatentMap, 'mean' | 'axes'>, latent: ArrayLike<number>): [number, number] {
  let x = 0;
  let y = 0;
  for (let i = 0; i < map.mean.length; i++) {
    const c = (latent[i] ?? 0) - map.mean[i];
    x += c * map.axes[0][i];
    y += c * map.axes[1][i];
  }
  return [x, y];
}

/** The top two principal axes of `rows` (each of length d): mean and unit axes, by power iteration. */
export function principalAxes(rows: readonly Float32Array[], iterations = 100): { mean: number[]; axes: [number[], number[]] } {
  const d = rows[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  for (const r of rows) for (let i = 0; i < d; i++) mean[i] += r[i] / rows.length;
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const r of rows) {
    for (let i = 0; i < d; i++) {
      const ci = r[i] - mean[i];
      for (let j = 0; j < d; j++) cov[i][j] += (ci * (r[j] - mean[j])) / rows.length;
    }
  }
  const axes: number[][] = [];
  for (let k = 0; k < 2; k++) {
    let v = Array.from({ length: d }, (_, i) => 1 / Math.sqrt(d) + (i === k ? 0.1 : 0));
    for (let it = 0; it < iterations; it++) {
      const next = cov.map((row) => row.reduce((s, c, j) => s + c * v[j], 0));
      for (const a of axes) {
        const dot = next.reduce((s, x, i) => s + x * a[i], 0);
        for (let i = 0; i < d; i++) next[i] -= dot * a[i];
      }
      const n = Math.hypot(...next) || 1;
      v = next.map((x) => x / n);
    }
    axes.push(v);
  }
  return { mean, axes: [axes[0], axes[1]] };
}
