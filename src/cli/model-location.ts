import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { AleaError } from '../core/errors.ts';

/** The repository's `models/` folder, wherever the CLI is run from. */
export const SHIPPED_MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));

/**
 * `--model` accepts a model folder path or the name of a shipped model (a folder in models/).
 * The answer is a folder that exists; loading checks its card.
 */
export async function resolveModelDir(value: string): Promise<string> {
  if (await isFolder(value)) return value;
  const shipped = join(SHIPPED_MODELS_DIR, value);
  if (/^[\w.-]+$/.test(value) && (await isFolder(shipped))) return shipped;
  throw new AleaError('bad-input', `no model folder '${value}' (give a folder path or the name of a folder in models/)`);
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}
