/** Reads a note set written by `alea dataset notes` (Node: files on disk). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AleaError, badInput } from '../../core/errors.ts';
import { NOTE_SET_AUDIO, NOTE_SET_MANIFEST, decodeNoteSetAudio, noteSamples, parseNoteSetManifest, type NoteSetManifest } from '../../core/soundfont/note-set.ts';
import { resample } from '../../core/audio/resample.ts';
import type { VaeConfig } from './config.ts';
import { computeNoteFeatures, type NoteFeatures } from './note-features.ts';

export interface LoadedNoteSet {
  dir: string;
  manifest: NoteSetManifest;
  pcm: Int16Array;
}

export async function loadNoteSet(dir: string): Promise<LoadedNoteSet> {
  const manifestPath = join(dir, NOTE_SET_MANIFEST);
  const audioPath = join(dir, NOTE_SET_AUDIO);
  const text = await readFile(manifestPath, 'utf8').catch(() => {
    throw badInput(`no ${NOTE_SET_MANIFEST} here (make one with 'alea dataset notes')`, dir);
  });
  const manifest = parseNoteSetManifest(text, manifestPath);
  if (manifest.notes.length === 0) throw badInput('holds no notes', manifestPath);
  const bytes = await readFile(audioPath).catch(() => {
    throw badInput(`is missing (the note set is incomplete)`, audioPath);
  });
  return { dir, manifest, pcm: decodeNoteSetAudio(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), manifest, audioPath) };
}

/** Features of every note (or of `limit` notes spread evenly over the set), at the model's rate; the fine low bins up to `fineMaxHz` when given. */
export function noteSetFeatures(set: LoadedNoteSet, config: VaeConfig, options: { limit?: number; fineMaxHz?: number; onProgress?: (done: number, total: number) => void } = {}): NoteFeatures {
  const { manifest, pcm } = set;
  if (manifest.holdSeconds !== config.holdSeconds) {
    throw new AleaError('bad-input', `${set.dir}: notes are held ${manifest.holdSeconds} s, the model expects ${config.holdSeconds} s`);
  }
  const all = manifest.notes.map((_, i) => i);
  const limit = options.limit ?? all.length;
  const picks = limit >= all.length ? all : Array.from({ length: limit }, (_, i) => Math.floor((i * all.length) / limit));
  const notes = picks.map((i) => ({ program: manifest.notes[i].program, pitch: manifest.notes[i].pitch, velocity: manifest.notes[i].velocity }));
  const audio = (k: number): Float32Array => {
    const samples = noteSamples(pcm, manifest, picks[k]);
    if (manifest.sampleRate === config.sampleRate) return samples;
    return resample({ sampleRate: manifest.sampleRate, channels: [samples] }, config.sampleRate).channels[0];
  };
  return computeNoteFeatures(config, notes, audio, options.onProgress, options.fineMaxHz);
}
