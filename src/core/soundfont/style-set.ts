/**
 * The style-set format `alea dataset styles` writes and the style GAN reads: a folder with
 * `styles.json` (this manifest) and `audio.pcm16` (little-endian int16 mono). The audio holds the
 * segments in manifest order; each segment holds every style in `styles` order; each render is
 * exactly round(segmentSeconds × sampleRate) samples (a float sample is int16 / 32767 / gain).
 * Segment i in style j is the same notes as segment i in any other style: the set is paired.
 */
import { z } from 'zod';
import { badInput } from '../errors.ts';

export const STYLE_SET_MANIFEST = 'styles.json';
export const STYLE_SET_AUDIO = 'audio.pcm16';

const styleSchema = z.object({
  name: z.string().min(1),
  melody: z.number().int().min(0).max(127),
  accompaniment: z.number().int().min(0).max(127),
});

const segmentSchema = z.object({
  /** `<midi folder name>/<file name>` */
  source: z.string().min(1),
  split: z.enum(['train', 'validation']),
  startSeconds: z.number().nonnegative(),
  notes: z.number().int().min(1),
});

const manifestSchema = z.object({
  format: z.literal('alea-styles'),
  version: z.literal(1),
  sampleRate: z.number().int().min(8000).max(192000),
  segmentSeconds: z.number().positive(),
  gain: z.number().positive(),
  soundfont: z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  styles: z.array(styleSchema).min(1),
  segments: z.array(segmentSchema),
});

export type StyleSetSegment = z.infer<typeof segmentSchema>;
export type StyleSetManifest = z.infer<typeof manifestSchema>;

/** Parses and checks styles.json; a bad file is one AleaError line naming the field. */
export function parseStyleSetManifest(text: string, fileName: string): StyleSetManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw badInput(`is not valid JSON (${error instanceof Error ? error.message : String(error)})`, fileName);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    throw badInput(`${field === '' ? 'manifest' : field}: ${issue.message}`, fileName);
  }
  const names = new Set<string>();
  for (const style of parsed.data.styles) {
    if (names.has(style.name)) throw badInput(`styles: '${style.name}' is listed twice`, fileName);
    names.add(style.name);
  }
  return parsed.data;
}

/** Samples in one render of the set. */
export function styleSetRenderLength(manifest: Pick<StyleSetManifest, 'segmentSeconds' | 'sampleRate'>): number {
  return Math.round(manifest.segmentSeconds * manifest.sampleRate);
}

/** Checks that audio.pcm16 holds exactly the manifest's renders and reads it as int16 samples. */
export function decodeStyleSetAudio(bytes: Uint8Array, manifest: StyleSetManifest, fileName: string): Int16Array {
  const expected = manifest.segments.length * manifest.styles.length * styleSetRenderLength(manifest);
  if (bytes.byteLength !== expected * 2) {
    throw badInput(
      `holds ${bytes.byteLength} bytes, the manifest's ${manifest.segments.length} segments × ${manifest.styles.length} styles need ${expected * 2}`,
      fileName,
    );
  }
  const pcm = new Int16Array(expected);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < expected; i++) pcm[i] = view.getInt16(2 * i, true);
  return pcm;
}

/** Segment `segment` in style number `style`, as float samples. */
export function styleSetRender(pcm: Int16Array, manifest: StyleSetManifest, segment: number, style: number): Float32Array {
  if (!(segment >= 0 && segment < manifest.segments.length)) throw new RangeError(`styleSetRender: segment ${segment} outside 0..${manifest.segments.length - 1}`);
  if (!(style >= 0 && style < manifest.styles.length)) throw new RangeError(`styleSetRender: style ${style} outside 0..${manifest.styles.length - 1}`);
  const length = styleSetRenderLength(manifest);
  const start = (segment * manifest.styles.length + style) * length;
  const scale = 1 / (32767 * manifest.gain);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = pcm[start + i] * scale;
  return out;
}

/** Deterministic split of a song by its file name: about `validFraction` of songs are held out. */
export function isValidationSong(fileName: string, validFraction = 0.1): boolean {
  // FNV-1a: stable across platforms and runs, unlike any runtime hash.
  let h = 0x811c9dc5;
  for (let i = 0; i < fileName.length; i++) {
    h ^= fileName.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 2 ** 32 < validFraction;
}
