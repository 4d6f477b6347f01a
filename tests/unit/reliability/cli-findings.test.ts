/** The command-line findings of the reliability review, each as the user met it. */
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli.ts';
import { BENCH_GROUP_NAMES } from '../../../src/cli/bench/run-benchmarks.ts';

const dir = mkdtempSync(join(tmpdir(), 'alea-findings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SEED = 'samples/pop-8bar-melody.mid';

describe('the input is never overwritten', () => {
  it('render -o <the input> exits 2 and leaves the MIDI as it was', () => {
    const song = join(dir, 'x.mid');
    copyFileSync(SEED, song);
    const before = readFileSync(song);
    const result = runCli(['render', song, '-o', song]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('the output is the input');
    expect(Buffer.compare(readFileSync(song), before)).toBe(0);
  });

  it('continue -o dir/../dir/./<the seed> exits 2 before any model is loaded', () => {
    mkdirSync(join(dir, 'd'), { recursive: true });
    const song = join(dir, 'd', 'x.mid');
    copyFileSync(SEED, song);
    const before = readFileSync(song);
    const result = runCli(['continue', song, '-o', join(dir, 'd', '..', 'd', '.', 'x.mid')]);
    expect(result.status).toBe(2);
    expect(Buffer.compare(readFileSync(song), before)).toBe(0);
  });
});

describe('rendering into a folder', () => {
  it('is refused up front with one line, leaving no .part file', () => {
    const folder = join(dir, 'out-folder');
    mkdirSync(folder);
    const result = runCli(['render', SEED, '-o', folder]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([`alea: ${folder}: is a folder; give the name of the file to write`]);
    expect(readdirSync(dir).filter((n) => n.endsWith('.part'))).toEqual([]);
  });
});

describe('options that name nothing are bad usage', () => {
  it('bench --only bogus exits 2 and lists the groups', () => {
    const result = runCli(['bench', '--only', 'bogus']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('bogus');
    expect(result.stderr).toContain('continue');
  });

  it("bench --help lists the group names --only takes ('continue', not 'transformer')", () => {
    const help = runCli(['bench', '--help']).stdout;
    expect(help.replace(/\s+/g, '')).toContain(BENCH_GROUP_NAMES.join(','));
    expect(BENCH_GROUP_NAMES).toContain('continue');
    expect(help).not.toContain('transformer');
  });

  it('bare `alea` shows help and exits 2', () => {
    const result = runCli([]);
    expect(result.status).toBe(2);
    expect(result.stderr + result.stdout).toContain('Usage: alea');
  });

  it('--track <no such name> is bad usage like --track 99, naming the seed', () => {
    const byName = runCli(['continue', SEED, '-o', join(dir, 'n.mid'), '--track', 'nosuch']);
    const byIndex = runCli(['continue', SEED, '-o', join(dir, 'n.mid'), '--track', '99']);
    expect(byName.status).toBe(2);
    expect(byIndex.status).toBe(2);
    expect(byName.stderr).toContain(SEED);
  });
});

describe('messages name the file', () => {
  it('a model folder without card.json is named', () => {
    const folder = join(dir, 'no-card-model');
    mkdirSync(folder);
    const result = runCli(['continue', SEED, '-o', join(dir, 'm.mid'), '--model', folder]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${folder}: the model folder has no card.json`);
  });

  it('a seed with no notes is named', () => {
    const empty = join(dir, 'empty.mid');
    writeFileSync(empty, Uint8Array.from([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 1, 0xe0, 0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, 4, 0, 0xff, 0x2f, 0]));
    const result = runCli(['continue', empty, '-o', join(dir, 'e.mid')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(empty);
  });

  it('a format 2 MIDI file (independent sequences) is refused, not played as one song', () => {
    const track = [0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, 12, 0, 0x90, 60, 100, 0x60, 0x80, 60, 0, 0, 0xff, 0x2f, 0];
    const file = join(dir, 'format2.mid');
    writeFileSync(file, Uint8Array.from([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 2, 0, 2, 0, 0x60, ...track, ...track]));
    const result = runCli(['info', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('format 2');
    expect(result.stderr).toContain(file);
  });
});

describe('a render longer than a WAV file can hold', () => {
  it('is refused before any audio is made, in one line naming the song, with no output left', () => {
    // One note five hours in: 5 h of stereo audio is over the 4 GB a WAV file can hold.
    const tick = 5 * 3600 * 2 * 96;
    const delta = [(tick >> 21) | 0x80, ((tick >> 14) & 0x7f) | 0x80, ((tick >> 7) & 0x7f) | 0x80, tick & 0x7f];
    const events = [...delta, 0x90, 60, 100, 0x60, 0x80, 60, 0, 0, 0xff, 0x2f, 0];
    const song = join(dir, 'five-hours.mid');
    writeFileSync(song, Uint8Array.from([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96, 0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, events.length, ...events]));
    const out = join(dir, 'five-hours.wav');
    const result = runCli(['render', song, '-o', out]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`alea: ${song}: audio is too long for a WAV file (over 4 GB)`);
    expect(readdirSync(dir).filter((n) => n.includes('five-hours.wav'))).toEqual([]);
  });
});
