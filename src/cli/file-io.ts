import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { AleaError, badInput } from '../core/errors.ts';

/** The largest input the CLI will read into memory; bigger files are refused with a clear line. */
export const MAX_INPUT_BYTES = 1024 * 1024 * 1024;

/** Reads a user's input file, turning every file-system failure into one line naming the file. */
export async function readInputFile(path: string, maxBytes = MAX_INPUT_BYTES): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw badInput('is a folder, not a file', path);
    size = info.size;
  } catch (error) {
    if (error instanceof AleaError) throw error;
    throw badInput(fsReason(error, 'cannot be read'), path);
  }
  if (size === 0) throw badInput('is empty (0 bytes)', path);
  if (size > maxBytes) throw badInput(`is too large (${formatBytes(size)}; the limit is ${formatBytes(maxBytes)})`, path);
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw badInput(fsReason(error, 'cannot be read'), path);
  }
}

/**
 * Writes an output file atomically (temporary file, then rename), so an interrupted export never
 * leaves a half-written file where the user expects a good one.
 */
export async function writeOutputFile(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.part`);
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    throw new AleaError('failure', fsReason(error, 'cannot be written'), path);
  }
}

function fsReason(error: unknown, fallback: string): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'ENOSPC') return 'no space left on the disk';
  return fallback;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
