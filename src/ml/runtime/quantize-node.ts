import { cp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AleaError } from '../../core/errors.ts';
import { CARD_JSON, MODEL_JSON } from './model-io.ts';
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
