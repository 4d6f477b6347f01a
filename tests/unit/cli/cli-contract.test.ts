import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runCli } from './run-cli.ts';

describe('alea command-line contract', () => {
  it('prints help and exits 0', () => {
    const result = runCli(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('render');
    expect(result.stdout).toContain('info');
  });

  it('exits 2 on an unknown command', () => {
    const result = runCli(['transmogrify']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown command/);
  });

  it('exits 2 on a bad option value, naming the option', () => {
    const result = runCli(['render', 'samples/pop-8bar-melody.mid', '-o', '/tmp/x.wav', '--bit-depth', '12']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--bit-depth');
  });

  it('exits 1 with one line when the input file does not exist', () => {
    const result = runCli(['info', 'no/such/file.mid']);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('no/such/file.mid');
  });

  it('refuses every malformed MIDI file in the corpus with exit 1 and one line', () => {
    const folder = join(repoRoot, 'tests/fixtures/bad/midi');
    const files = readdirSync(folder).filter((name) => name.endsWith('.mid'));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) {
      const result = runCli(['info', join(folder, name)]);
      expect(result.status, name).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines, name).toHaveLength(1);
      expect(lines[0], name).toContain(name);
      expect(lines[0], name).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('refuses every malformed WAV file in the corpus with exit 1 and one line', () => {
    const folder = join(repoRoot, 'tests/fixtures/bad/wav');
    const files = readdirSync(folder).filter((name) => name.endsWith('.wav'));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) {
      const result = runCli(['info', join(folder, name)]);
      expect(result.status, name).toBe(1);
      expect(result.stderr.trim().split('\n'), name).toHaveLength(1);
    }
  });
});
