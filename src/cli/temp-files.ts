/**
 * The temporary `.part` files of atomic writes: removed when a write fails, when the process is
 * interrupted (SIGINT/SIGTERM), and — when an earlier run was killed outright — swept from the
 * output folder the next time Alea writes there.
 */
import { unlinkSync } from 'node:fs';
import { readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const live = new Set<string>();
let handlersInstalled = false;

/** `.<name>.<pid>.part` next to `path`: hidden, and named after the process that owns it. */
export function temporaryPathFor(path: string, pid = process.pid): string {
  return join(dirname(path), `.${basename(path)}.${pid}.part`);
}

const PART_NAME = /^\..+\.(\d+)\.part$/;

/** The pid a `.part` file name carries, or undefined for any other name. */
export function partOwner(name: string): number | undefined {
  const match = PART_NAME.exec(name);
  return match === null ? undefined : Number(match[1]);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPERM';
  }
}

/** Removes `.part` files in `folder` whose process is gone; returns the names removed. */
export async function sweepStaleParts(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const pid = partOwner(name);
    if (pid === undefined || isAlive(pid)) continue;
    await unlink(join(folder, name)).then(() => removed.push(name), () => undefined);
  }
  return removed;
}

function removeAllNow(): void {
  for (const path of live) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
  live.clear();
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      removeAllNow();
      process.exit(code);
    });
  }
  process.once('exit', removeAllNow);
}

/** Marks a temporary file as in progress: it is removed if the process is interrupted. */
export function trackTemporary(path: string): void {
  installHandlers();
  live.add(path);
}

/** The file was renamed into place or removed: nothing left to clean up. */
export function untrackTemporary(path: string): void {
  live.delete(path);
}

/** Removes a temporary file after a failed write (never throws). */
export async function discardTemporary(path: string): Promise<void> {
  live.delete(path);
  await unlink(path).catch(() => undefined);
}
