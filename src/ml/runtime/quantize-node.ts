import { cp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AleaError } from '../../core/errors.ts';
import { CARD_JSON, CONFIG_JSON, MODEL_JSON, jsonBytes, sha256Hex } from './model-io.ts';
import { folderReader } from './model-io-node.ts';
import { quantizeModelFiles, type QuantizeReport, type WeightsDtype } from './quantize-weights.ts';

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

/**
 * Quantizes a model folder in place. The new folder is built beside it and swapped in by rename,
 * so a failure half-way leaves the model as it was. Returns what changed (nothing when the folder
 * already holds float16 weights).
 */
export async function quantizeModelFolder(dir: string, dtype: WeightsDtype): Promise<QuantizeReport & { changed: boolean }> {
  if (!(await isFile(join(dir, CARD_JSON))) || !(await isFile(join(dir, MODEL_JSON)))) {
    throw new AleaError('model', `is not a model folder (it needs ${MODEL_JSON} and ${CARD_JSON})`, dir);
  }
  const { files, stale, report } = await quantizeModelFiles(folderReader(dir), dtype).catch((error: unknown) => {
    throw error instanceof AleaError && error.file === undefined ? error.inFile(dir) : error;
  });
  if (files.size === 0) return { ...report, changed: false };
  const target = resolve(dir);
  const building = join(dirname(target), `.${basename(target)}.quantizing-${process.pid}`);
  const old = join(dirname(target), `.${basename(target)}.old-${process.pid}`);
  await rm(building, { recursive: true, force: true });
  try {
    await cp(target, building, { recursive: true });
    for (const name of stale) await rm(join(building, name), { force: true });
    for (const [name, bytes] of files) await writeFile(join(building, name), bytes);
    await rename(target, old);
    await rename(building, target);
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    throw new AleaError('failure', `could not rewrite the model folder (${(error as Error).message})`, dir);
  }
  await rm(old, { recursive: true, force: true });
  return { ...report, changed: true };
}

/** Writes a file by temporary name then rename: readers see the old bytes or the new, never half. */
async function replaceFile(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.part`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Models that name another model by its weight hash in their config.json (a flow prior names the
 * VAE whose latents it learned: `vae: { name, weightsHash }`) follow it to its quantized weights:
 * in each folder of `modelsDir` whose config names `name` with `oldHash`, the hash becomes
 * `newHash` and the card's sha256 of config.json is updated. Returns the folders changed.
 */
export async function repointDependents(modelsDir: string, name: string, oldHash: string, newHash: string): Promise<string[]> {
  const entries = await readdir(modelsDir, { withFileTypes: true }).catch(() => []);
  const changed: string[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = join(modelsDir, entry.name);
    const [configText, cardText] = await Promise.all([readFile(join(dir, CONFIG_JSON), 'utf8'), readFile(join(dir, CARD_JSON), 'utf8')].map((p) => p.catch(() => null)));
    if (configText === null || cardText === null) continue;
    let config: unknown;
    let card: unknown;
    try {
      config = JSON.parse(configText);
      card = JSON.parse(cardText);
    } catch {
      continue;
    }
    if (!isRecord(config) || !isRecord(card) || !isRecord(card.files)) continue;
    const links = Object.values(config).filter((v): v is Record<string, unknown> => isRecord(v) && v.name === name && v.weightsHash === oldHash);
    if (links.length === 0) continue;
    for (const link of links) link.weightsHash = newHash;
    const configBytes = jsonBytes(config);
    await replaceFile(join(dir, CONFIG_JSON), configBytes);
    await replaceFile(join(dir, CARD_JSON), jsonBytes({ ...card, files: { ...card.files, [CONFIG_JSON]: await sha256Hex(configBytes) } }));
    changed.push(dir);
  }
  return changed;
}
