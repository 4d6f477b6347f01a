import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readInputFile, refuseOverwritingInput, writeOutputFile, writeOutputStream } from '../../../src/cli/file-io.ts';
import { partOwner, sweepStaleParts, temporaryPathFor } from '../../../src/cli/temp-files.ts';
import { repoRoot } from '../cli/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'alea-file-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function parts(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.endsWith('.part'));
}

describe('an output never replaces an input', () => {
  const input = join(dir, 'seed.mid');
  writeFileSync(input, 'seed');

  it('refuses the same path, however it is spelled, as bad usage naming the input', async () => {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    for (const output of [input, join(dir, 'sub', '..', '.', 'seed.mid')]) {
      const error = await refuseOverwritingInput(output, [input]).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'usage' });
      expect(String((error as Error).message)).toContain(input);
    }
  });

  it('refuses a link to the input', async () => {
    const link = join(dir, 'link.mid');
    symlinkSync(input, link);
    await expect(refuseOverwritingInput(link, [input])).rejects.toMatchObject({ kind: 'usage' });
  });

  it('accepts another file, existing or not', async () => {
    writeFileSync(join(dir, 'other.mid'), 'x');
    await expect(refuseOverwritingInput(join(dir, 'other.mid'), [input])).resolves.toBeUndefined();
    await expect(refuseOverwritingInput(join(dir, 'new.mid'), [input])).resolves.toBeUndefined();
  });
});

describe('no temporary file is left behind', () => {
  it('removes the .part file when writing into a path that is a folder', async () => {
    const folder = join(dir, 'is-a-folder');
    mkdirSync(folder);
    await expect(writeOutputFile(folder, new Uint8Array(5 * 1024 * 1024))).rejects.toMatchObject({ kind: 'failure' });
    expect(parts(dir)).toEqual([]);
  });

  it('removes the .part file when producing the bytes fails half way', async () => {
    const target = join(dir, 'half.wav');
    const failure = writeOutputStream(target, async (write) => {
      await write(new Uint8Array(1024));
      throw new Error('encoder failed');
    });
    await expect(failure).rejects.toThrow('encoder failed');
    expect(parts(dir)).toEqual([]);
    expect(existsSync(target)).toBe(false);
  });

  it('sweeps .part files of processes that are gone, and keeps live ones', async () => {
    const folder = join(dir, 'sweep');
    mkdirSync(folder);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid ?? 0;
    const stale = temporaryPathFor(join(folder, 'song.wav'), dead);
    const live = temporaryPathFor(join(folder, 'song.wav'), process.pid);
    writeFileSync(stale, 'old');
    writeFileSync(live, 'busy');
    writeFileSync(join(folder, '.notes.part'), 'not ours');
    expect(partOwner('.song.wav.123.part')).toBe(123);
    expect(await sweepStaleParts(folder)).toEqual([`.song.wav.${dead}.part`]);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(join(folder, '.notes.part'))).toBe(true);
  });

  it('removes the .part file when the process gets SIGTERM or SIGINT mid-write', () => {
    for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
      const folder = join(dir, `signal-${signal}`);
      mkdirSync(folder);
      const script = join(folder, 'write.mjs');
      const fileIo = pathToFileURL(join(repoRoot, 'src/cli/file-io.ts')).href;
      writeFileSync(
        script,
        `const { writeOutputStream } = await import(${JSON.stringify(fileIo)});
await writeOutputStream(${JSON.stringify(join(folder, 'out.wav'))}, async (write) => {
  await write(new Uint8Array(1 << 20));
  process.kill(process.pid, '${signal}');
  await new Promise((resolve) => setTimeout(resolve, 10_000));
});`,
      );
      const result = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, timeout: 60_000 });
      expect(result.status, signal).toBe(code);
      expect(readdirSync(folder).sort(), signal).toEqual(['write.mjs']);
    }
  });
});

describe('inputs that are not regular files', () => {
  it('names a pipe as a pipe, not as an empty file', async () => {
    const fifo = join(dir, 'pipe.mid');
    execFileSync('mkfifo', [fifo]);
    const error = await readInputFile(fifo).catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain('not a regular file');
    expect(String((error as Error).message)).not.toContain('empty');
  });
});
