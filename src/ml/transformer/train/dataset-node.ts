import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { badInput, isAleaError } from '../../../core/errors.ts';
import { stableHash, type TokenPiece } from './dataset.ts';
import { GridTokenizer } from '../tokenizers/grid-tokenizer.ts';
import { readMidi } from '../../../core/music/midi-io.ts';
import type { MusicTokenizer } from '../tokenizers/tokenizer.ts';
import type { TrackSelection } from '../tokenizers/track-selection.ts';

/** Node-only file access for the data pipeline: MIDI folders (read by core's MIDI reader, tokenized once, cached) and JSB JSON. */

export interface MidiCorpus {
  pieces: TokenPiece[];
  /** files that could not be read, with the reason */
  skipped: string[];
}

const CACHE_VERSION = 1;

/** Every .mid/.midi file under `dir` (not recursive), sorted by name. */
export async function listMidiFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw badInput(`cannot read the data folder ${dir}`);
  }
  return names.filter((n) => /\.midi?$/i.test(n)).sort().map((n) => join(dir, n));
}

/**
 * Tokenizes every MIDI file of `dataDir` (the selected tracks of each). With `cacheDir`, the
 * result is stored there as JSON, keyed by tokenizer, selection and the files' names, sizes and
 * times, and read back next time instead of parsing again.
 */
export async function loadMidiCorpus(options: {
  dataDir: string;
  tokenizer: MusicTokenizer;
  selection: TrackSelection;
  cacheDir?: string;
  onFile?: (done: number, total: number) => void;
}): Promise<MidiCorpus> {
  const files = await listMidiFiles(options.dataDir);
  if (files.length === 0) throw badInput(`no MIDI files in ${options.dataDir}`);
  const stamps = await Promise.all(files.map(async (f) => {
    const s = await stat(f);
    return `${basename(f)}:${s.size}:${Math.round(s.mtimeMs)}`;
  }));
  const key = stableHash(JSON.stringify([CACHE_VERSION, options.tokenizer.config, options.selection, stamps])).toString(16);
  const cacheFile = options.cacheDir === undefined ? undefined : join(options.cacheDir, `tokens-${basename(options.dataDir)}-${key}.json`);
  if (cacheFile !== undefined && existsSync(cacheFile)) {
    return JSON.parse(await readFile(cacheFile, 'utf8')) as MidiCorpus;
  }
  const pieces: TokenPiece[] = [];
  const skipped: string[] = [];
  for (let i = 0; i < files.length; i++) {
    const name = basename(files[i]);
    try {
      const song = readMidi(new Uint8Array(await readFile(files[i])), name);
      const ids = options.tokenizer.encode(song, options.selection);
      if (ids.length > 2) pieces.push({ name, ids });
      else skipped.push(`${name}: no notes in the selected tracks`);
    } catch (error) {
      if (!isAleaError(error)) throw error;
      skipped.push(`${name}: ${error.message}`);
    }
    options.onFile?.(i + 1, files.length);
  }
  const corpus: MidiCorpus = { pieces, skipped };
  if (cacheFile !== undefined && options.cacheDir !== undefined) {
    await mkdir(options.cacheDir, { recursive: true });
    // write then rename, so two workers starting together never read a half-written cache
    const partial = `${cacheFile}.${process.pid}.partial`;
    await writeFile(partial, JSON.stringify(corpus));
    await rename(partial, cacheFile);
  }
  return corpus;
}

/** JSB chorales in the {train, valid} step-list JSON: `path` is the file or the folder holding it. */
export async function loadJsbCorpus(path: string, tokenizer: GridTokenizer): Promise<{ train: TokenPiece[]; valid: TokenPiece[] }> {
  const file = /\.json$/i.test(path) ? path : join(path, 'jsb-chorales-quarter.json');
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw badInput(`cannot read the chorale data (${(error as Error).message})`, file);
  }
  const split = (name: 'train' | 'valid'): TokenPiece[] => {
    const pieces = (data as Record<string, unknown>)[name];
    if (!Array.isArray(pieces)) throw badInput(`the chorale data has no "${name}" list`, file);
    return pieces.map((steps: number[][], i) => ({ name: `${name}/${i}`, ids: tokenizer.encodeSteps(steps) }));
  };
  return { train: split('train'), valid: split('valid') };
}
