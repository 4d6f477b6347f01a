import { mkdir, open, readFile, realpath, rename, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { AleaError, badInput } from '../core/errors.ts';
import { discardTemporary, sweepStaleParts, temporaryPathFor, trackTemporary, untrackTemporary } from './temp-files.ts';

/** The largest input the CLI will read into memory; bigger files are refused with a clear line. */
export const MAX_INPUT_BYTES = 1024 * 1024 * 1024;

/** Reads a user's input file, turning every file-system failure into one line naming the file. */
export async function readInputFile(path: string, maxBytes = MAX_INPUT_BYTES, onlyFirst?: number): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw badInput('is a folder, not a file', path);
    // A pipe or device reports size 0 whatever it holds: say what it is, not "empty".
    if (!info.isFile()) throw badInput('is not a regular file (a pipe, socket or device); give a file path', path);
    size = info.size;
  } catch (error) {
    if (error instanceof AleaError) throw error;
    throw badInput(fsReason(error, 'cannot be read'), path);
  }
  if (size === 0) throw badInput('is empty (0 bytes)', path);
  if (size > maxBytes) throw badInput(`is too large (${formatBytes(size)}; the limit is ${formatBytes(maxBytes)})`, path);
  if (onlyFirst !== undefined) return readHead(path, onlyFirst);
  try {
    const buffer = await readFile(path);
    // A view of the Buffer, not a copy: a 1 GiB input should cost 1 GiB, not 2.
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw badInput(fsReason(error, 'cannot be read'), path);
  }
}

/** The first `length` bytes of a file already checked by readInputFile (fewer when it is shorter). */
async function readHead(path: string, length: number): Promise<Uint8Array> {
  try {
    const handle = await open(path, 'r');
    try {
      const bytes = new Uint8Array(length);
      const { bytesRead } = await handle.read(bytes, 0, length, 0);
      return bytes.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw badInput(fsReason(error, 'cannot be read'), path);
  }
}

/**
 * Writes an output file atomically (temporary file, then rename), so an interrupted export never
 * leaves a half-written file where the user expects a good one.
 */
export async function writeOutputFile(path: string, bytes: Uint8Array): Promise<void> {
  await writeOutputStream(path, async (write) => write(bytes));
}

/** Appends bytes to the file being written. */
export type WriteBytes = (bytes: Uint8Array) => Promise<void>;

/**
 * Writes an output file atomically from pieces `produce` hands over one at a time, so a large
 * file never has to exist whole in memory. The temporary file is removed when anything fails
 * (including `produce`) and on SIGINT/SIGTERM; stale ones of dead runs are swept first.
 */
export async function writeOutputStream<T>(path: string, produce: (write: WriteBytes) => Promise<T>): Promise<T> {
  const temporary = temporaryPathFor(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    await sweepStaleParts(dirname(path));
    trackTemporary(temporary);
    const handle = await open(temporary, 'w');
    let result: T;
    try {
      result = await produce(async (bytes) => {
        let offset = 0;
        while (offset < bytes.byteLength) offset += (await handle.write(bytes, offset, bytes.byteLength - offset)).bytesWritten;
      });
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    untrackTemporary(temporary);
    return result;
  } catch (error) {
    await discardTemporary(temporary);
    if (error instanceof AleaError) throw error;
    if (isFsError(error)) throw new AleaError('failure', fsReason(error, 'cannot be written'), path);
    throw error;
  }
}

function isFsError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';
}

/** Refuses (bad usage) an output path that is a folder, before any work is done. */
export async function refuseFolderOutput(output: string): Promise<void> {
  const isFolder = await stat(output).then((info) => info.isDirectory(), () => false);
  if (isFolder) throw new AleaError('usage', 'is a folder; give the name of the file to write', output);
}

/** The same file on disk (device and inode), or undefined when `path` does not exist yet. */
async function identity(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return `${info.dev}:${info.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Refuses (bad usage, exit 2) an output that is the same file as one of the inputs, however it is
 * spelled (`x.mid`, `./dir/../x.mid`, a link): writing it would destroy the input.
 */
export async function refuseOverwritingInput(output: string, inputs: readonly string[]): Promise<void> {
  const target = await identity(output);
  const spelled = await realpath(resolve(dirname(output))).then((dir) => resolve(dir, basename(output)), () => resolve(output));
  for (const input of inputs) {
    const source = await identity(input);
    const sameInode = target !== undefined && source !== undefined && target === source;
    const samePath = (await realpath(input).catch(() => resolve(input))) === spelled;
    if (sameInode || samePath) {
      throw new AleaError('usage', `the output is the input file ${input}; choose another output path so the input is kept`, output);
    }
  }
}

function fsReason(error: unknown, fallback: string): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'ENOSPC') return 'no space left on the disk';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a folder';
  return fallback;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
