import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AleaError } from '../../core/errors.ts';
import { decodeModelFolder, encodeModelFolder, type LoadedModel, type ModelFolderContents } from './model-io.ts';
import type { ModelCard } from './model-card.ts';

/**
 * Writes a model folder (creating it; earlier `*.bin` shards of the same names are replaced).
 * The bytes depend only on the contents: the same weights, config and card give the same files.
 */
export async function saveModelFolder(
  dir: string,
  contents: ModelFolderContents,
  shardBytes?: number,
): Promise<{ card: ModelCard; weightsHash: string; files: string[] }> {
  const { files, card, weightsHash } = await encodeModelFolder(contents, shardBytes);
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of files) await writeFile(join(dir, name), bytes);
  return { card, weightsHash, files: [...files.keys()] };
}

/** Reads and checks a model folder (sha256 of every file against card.json). */
export async function loadModelFolder(dir: string): Promise<LoadedModel> {
  return decodeModelFolder(async (name) => {
    try {
      return new Uint8Array(await readFile(join(dir, name)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new AleaError('model', `cannot read ${name} (${(error as Error).message})`);
    }
  });
}

/** Removes a folder this module wrote (used to drop old checkpoints). */
export async function removeModelFolder(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
