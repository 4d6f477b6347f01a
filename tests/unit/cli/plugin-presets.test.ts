import { Command } from 'commander';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerCommands } from '../../../src/cli/commands/index.ts';
import { readWav } from '../../../src/core/audio/wav-read.ts';

const INPUT = 'samples/pad-a3.wav';
const dir = mkdtempSync(join(tmpdir(), 'alea-preset-'));

async function run(args: string[]): Promise<void> {
  const program = new Command('alea').exitOverride();
  registerCommands(program);
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await program.parseAsync(['node', 'alea', ...args]);
}

const peak = (path: string): number => Math.max(...readWav(new Uint8Array(readFileSync(path))).audio.channels[0].map(Math.abs));

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = 0;
});

describe('plugin commands with --preset', () => {
  it('start from a shipped preset by name, and a flag typed changes it', async () => {
    await run(['gain', INPUT, '-o', join(dir, 'plain.wav'), '--bit-depth', '32f']);
    await run(['gain', INPUT, '-o', join(dir, 'preset.wav'), '--bit-depth', '32f', '--preset', 'minus-6db']);
    await run(['gain', INPUT, '-o', join(dir, 'changed.wav'), '--bit-depth', '32f', '--preset', 'minus-6db', '--gain', '-12']);
    const plain = peak(join(dir, 'plain.wav'));
    expect(peak(join(dir, 'preset.wav')) / plain).toBeCloseTo(10 ** (-6 / 20), 4);
    expect(peak(join(dir, 'changed.wav')) / plain).toBeCloseTo(10 ** (-12 / 20), 4);
  });

  it('read a preset file, and refuse one for another plugin naming the file', async () => {
    const file = join(dir, 'mine.json');
    writeFileSync(file, JSON.stringify({ plugin: 'gain', version: '1.0.0', params: { invert: true } }));
    await run(['gain', INPUT, '-o', join(dir, 'flipped.wav'), '--bit-depth', '32f', '--preset', file]);
    expect(process.exitCode).toBe(0);
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ plugin: 'poly-synth', version: '1.0.0', params: {} }));
    await run(['gain', INPUT, '-o', join(dir, 'x.wav'), '--preset', wrong]);
    expect(process.exitCode).toBe(1);
    expect(vi.mocked(process.stderr.write).mock.calls.map((c) => String(c[0])).join('')).toContain(`${wrong}: field 'plugin' is 'poly-synth'`);
  });
});
