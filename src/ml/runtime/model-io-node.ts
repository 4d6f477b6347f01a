import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AleaError } from '../../core/errors.ts';
import {
  decodeModelFolder,
  decodeModelFolderArrays,
  encodeModelFolder,
  encodeModelFolderArrays,
  type FileReader,
  type LoadedModel,
  type LoadedModelArrays,
  type ModelFolderArrays,
  type ModelFolderContents,
} from './model-io.ts';
import type { ModelCard } from './model-card.ts';

type Encoded = Awaited<ReturnType<typeof encodeModelFolderArrays>>;

async function writeFolder(dir: string, { files, card, weightsHash }: Encoded): Promise<{ card: ModelCard; weightsHash: string; files: string[] }> {
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of files) await writeFile(join(dir, name), bytes);
  return { card, weightsHash, files: [...files.keys()] };
}

/** Reads a folder's files by name (null when missing). */
export function folderReader(dir: string): FileReader {
  return async (name) => {
    try {
      return new Uint8Array(await readFile(join(dir, name)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new AleaError('model', `cannot read ${name} (${(error as Error).message})`);
    }
  };
}

/**
 * Writes a model folder (creating it; files of the same names are replaced). The bytes depend
 * only on the contents: the same weights, config and card give the same files.
 */
export async function saveModelFolder(dir: string, contents: ModelFolderContents, shardBytes?: number): Promise<{ card: ModelCard; weightsHash: string; files: string[] }> {
  return writeFolder(dir, await encodeModelFolder(contents, shardBytes));
}

/** `saveModelFolder` from plain arrays (no tensors needed). */
export async function saveModelFolderArrays(dir: string, contents: ModelFolderArrays, shardBytes?: number): Promise<{ card: ModelCard; weightsHash: string; files: string[] }> {
  return writeFolder(dir, await encodeModelFolderArrays(contents, shardBytes));
}

/** Reads and checks a model folder (sha256 of every file against card.json); tensors out. */
export async function loadModelFolder(dir: string): Promise<LoadedModel> {
  return decodeModelFolder(folderReader(dir)).catch(inFolder(dir));
}

/** `loadModelFolder` into plain arrays. */
export async function loadModelFolderArrays(dir: string): Promise<LoadedModelArrays> {
  return decodeModelFolderArrays(folderReader(dir)).catch(inFolder(dir));
}

/** A model problem names the folder it is in ("models/x: the model folder has no card.json"). */
function inFolder(dir: string): (error: unknown) => never {
  return (error) => {
    throw error instanceof AleaError && error.file === undefined ? error.inFile(dir) : error;
  };
}

/** Removes a folder this module wrote (used to drop old checkpoints). */
export async function removeModelFolder(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
