/** Builds and writes `models/index.json` from the model folders on disk (Node only). */
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AleaError, isAleaError } from '../core/errors.ts';
import { loadModelFolderArrays } from '../ml/runtime/model-io-node.ts';
import { MODEL_INDEX_FILE, indexEntry, modelIndexToJson, type ModelIndexEntry } from './model-index.ts';
import type { PluginRegistry } from './registry.ts';

/**
 * Every model folder under `modelsDir` (a folder holding card.json), each checked by loading it
 * (card, sha256 of every file): a broken folder fails the whole index, naming the folder.
 */
export async function buildModelIndex(modelsDir: string, registry: PluginRegistry): Promise<ModelIndexEntry[]> {
  const entries = await readdir(modelsDir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const index: ModelIndexEntry[] = [];
  for (const name of names) {
    const dir = join(modelsDir, name);
    const hasCard = await stat(join(dir, 'card.json')).then((s) => s.isFile(), () => false);
    if (!hasCard) continue;
    try {
      const loaded = await loadModelFolderArrays(dir);
      index.push(indexEntry(name, loaded.card, loaded.weightsHash, registry, loaded.config));
    } catch (error) {
      if (isAleaError(error)) throw new AleaError(error.kind, error.message, dir);
      throw error;
    }
  }
  return index;
}

/** The index text the folders call for. */
export async function expectedModelIndex(modelsDir: string, registry: PluginRegistry): Promise<string> {
  return modelIndexToJson(await buildModelIndex(modelsDir, registry));
}

/** Writes `<modelsDir>/index.json` when it differs from the folders; returns whether it changed. */
export async function writeModelIndex(modelsDir: string, registry: PluginRegistry): Promise<{ path: string; changed: boolean; models: number }> {
  const path = join(modelsDir, MODEL_INDEX_FILE);
  const entries = await buildModelIndex(modelsDir, registry);
  const text = modelIndexToJson(entries);
  const current = await readFile(path, 'utf8').catch(() => null);
  if (current !== text) await writeFile(path, text);
  return { path, changed: current !== text, models: entries.length };
}
