import { readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { AleaError } from '../core/errors.ts';

/** The repository's `models/` folder, wherever the CLI is run from. */
export const SHIPPED_MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));

/**
 * Where a model is named (`--model`, a `model` param), any model folder works: a folder path, or
 * the name of a folder in models/. The answer is a folder that exists; loading checks its card.
 */
export async function resolveModelDir(value: string, modelsDir = SHIPPED_MODELS_DIR): Promise<string> {
  if (await isFolder(value)) return value;
  const installed = join(modelsDir, value);
  if (/^[\w.-]+$/.test(value) && (await isFolder(installed))) return installed;
  const names = await installedNames(modelsDir);
  throw new AleaError(
    'bad-input',
    `no model folder '${value}' (give a folder path or an installed model${names.length > 0 ? `: ${names.join(', ')}` : ''})`,
  );
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

async function installedNames(modelsDir: string): Promise<string[]> {
  const entries = await readdir(modelsDir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}
