/**
 * The note-set format `alea dataset notes` writes and the timbre models read: a folder with
 * `notes.json` (this manifest) and `audio.pcm16` (little-endian int16 mono, the notes back to back
 * in manifest order, each exactly round(noteSeconds × sampleRate) samples; a float sample is
 * int16 / 32767 / gain).
 */
import { z } from 'zod';
import { badInput } from '../errors.ts';

export const NOTE_SET_MANIFEST = 'notes.json';
export const NOTE_SET_AUDIO = 'audio.pcm16';

const noteSchema = z.object({
  program: z.number().int().min(0).max(127),
  name: z.string(),
  family: z.string(),
  pitch: z.number().int().min(0).max(127),
  velocity: z.number().int().min(1).max(127),
});

const manifestSchema = z.object({
  format: z.literal('alea-notes'),
  version: z.literal(1),
  sampleRate: z.number().int().min(8000).max(192000),
  holdSeconds: z.number().positive(),
  noteSeconds: z.number().positive(),
  gain: z.number().positive(),
  soundfont: z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  notes: z.array(noteSchema),
}).refine((m) => m.noteSeconds >= m.holdSeconds, { message: 'must be ≥ holdSeconds', path: ['noteSeconds'] });

export type NoteSetNote = z.infer<typeof noteSchema>;
export type NoteSetManifest = z.infer<typeof manifestSchema>;

/** Parses and checks notes.json; a bad file is one AleaError line naming the field. */
export function parseNoteSetManifest(text: string, fileName: string): NoteSetManifest {
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
  return parsed.data;
}

/** Samples in one note of the set. */
export function noteSetNoteLength(manifest: Pick<NoteSetManifest, 'noteSeconds' | 'sampleRate'>): number {
  return Math.round(manifest.noteSeconds * manifest.sampleRate);
}

/** Note `index` as float samples (int16 / 32767 / gain). */
export function noteSamples(pcm: Int16Array, manifest: NoteSetManifest, index: number): Float32Array {
  if (!Number.isInteger(index) || index < 0 || index >= manifest.notes.length) {
    throw new RangeError(`noteSamples: index ${index} outside 0..${manifest.notes.length - 1}`);
  }
  const length = noteSetNoteLength(manifest);
  const start = index * length;
  if (start + length > pcm.length) throw new RangeError(`noteSamples: the audio holds ${pcm.length} samples, note ${index} needs ${start + length}`);
  const scale = 1 / (32767 * manifest.gain);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = pcm[start + i] * scale;
  return out;
}

/**
 * Reads audio.pcm16's bytes as int16 samples (little-endian on every host) and checks that
 * they hold exactly the manifest's notes. `fileName` names the audio file in errors.
 */
export function decodeNoteSetAudio(bytes: Uint8Array, manifest: NoteSetManifest, fileName: string): Int16Array {
  const expected = manifest.notes.length * noteSetNoteLength(manifest);
  if (bytes.byteLength !== expected * 2) {
    throw badInput(`holds ${bytes.byteLength} bytes, the manifest's ${manifest.notes.length} notes need ${expected * 2}`, fileName);
  }
  const pcm = new Int16Array(expected);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < expected; i++) pcm[i] = view.getInt16(2 * i, true);
  return pcm;
}

/**
 * Encodes float samples for audio.pcm16: × gain, rounded, clamped to int16, little-endian.
 * Returns the bytes and how many samples clipped.
 */
export function encodeNoteSamples(samples: Float32Array, gain: number): { bytes: Uint8Array; clipped: number } {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  let clipped = 0;
  for (let i = 0; i < samples.length; i++) {
    let value = Math.round(samples[i] * gain * 32767);
    if (value > 32767 || value < -32767) {
      clipped++;
      value = value > 0 ? 32767 : -32767;
    }
    view.setInt16(2 * i, value, true);
  }
  return { bytes, clipped };
}
