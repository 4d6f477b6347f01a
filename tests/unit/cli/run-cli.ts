import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/alea.mjs ...args` as a user would, from the repository root. */
export function runCli(args: string[], timeoutMs = 120_000): CliResult {
  const result = spawnSync(process.execPath, ['bin/alea.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, ALEA_DEBUG: '' },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export const repoRoot = root;
