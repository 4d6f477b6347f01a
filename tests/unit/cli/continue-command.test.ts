import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMidi, songProvenance } from '../../../src/core/music/midi-io.ts';
import { TempoMap } from '../../../src/core/music/tempo-map.ts';
import type { Song } from '../../../src/core/music/types.ts';
import { repoRoot, runCli } from './run-cli.ts';

const SEED = 'samples/pop-8bar-melody.mid';

function load(path: string): Song {
  return readMidi(new Uint8Array(readFileSync(path)), path);
}

function notesFrom(song: Song, tick: number): { pitch: number; startTick: number }[] {
  return song.tracks.flatMap((t) => t.notes.filter((n) => n.startTick >= tick).map((n) => ({ pitch: n.pitch, startTick: n.startTick })));
}

describe('alea continue', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alea-continue-'));

  it('writes the seed followed by 8 new bars that differ from the seed, with provenance', () => {
    const out = join(dir, 'c.mid');
    const result = runCli(['continue', SEED, '-o', out, '--bars', '8', '--seed', '1']);
    expect(result.stderr).not.toContain('alea:');
    expect(result.status).toBe(0);
    const seed = load(join(repoRoot, SEED));
    const song = load(out);
    const map = TempoMap.fromSong(seed);
    const seedEnd = map.barStartTick(8); // the seed is exactly 8 bars long
    // the seed is kept as it was
    expect(notesFrom(song, 0).filter((n) => n.startTick < seedEnd)).toEqual(notesFrom(seed, 0));
    // new notes exist, all within the 8 new bars, and they are not a copy of the seed
    const added = notesFrom(song, seedEnd);
    expect(added.length).toBeGreaterThan(8);
    const lastEnd = Math.max(...song.tracks.flatMap((t) => t.notes.map((n) => n.endTick)));
    expect(lastEnd).toBeLessThanOrEqual(map.barStartTick(16));
    const shifted = added.map((n) => ({ pitch: n.pitch, startTick: n.startTick - seedEnd }));
    expect(shifted).not.toEqual(notesFrom(seed, 0).slice(0, shifted.length));
    // tempo and meter of the seed are kept; provenance names the model and the seed
    expect(song.tempos[0].bpm).toBeCloseTo(seed.tempos[0].bpm, 3);
    expect(song.timeSignatures[0]).toMatchObject({ numerator: 4, denominator: 4 });
    const provenance = songProvenance(song);
    expect(provenance?.generator).toMatch(/continue$/);
    expect(provenance?.model?.name).toBe('melody-pop909');
    expect(provenance?.model?.sha256).toMatch(/^[0-9a-f]{8,}$/);
    expect(provenance?.seed).toBe(1);
  });

  it('gives identical bytes for the same seed and different music for another seed', () => {
    const a = join(dir, 'a.mid');
    const b = join(dir, 'b.mid');
    const c = join(dir, 'other.mid');
    expect(runCli(['continue', SEED, '-o', a, '--bars', '4', '--seed', '7']).status).toBe(0);
    expect(runCli(['continue', SEED, '-o', b, '--bars', '4', '--seed', '7']).status).toBe(0);
    expect(runCli(['continue', SEED, '-o', c, '--bars', '4', '--seed', '8']).status).toBe(0);
    expect(Buffer.compare(readFileSync(a), readFileSync(b))).toBe(0);
    expect(Buffer.compare(readFileSync(a), readFileSync(c))).not.toBe(0);
  });

  it('writes one file per variation and keeps a requested key', () => {
    const out = join(dir, 'v.mid');
    const result = runCli(['continue', SEED, '-o', out, '--bars', '4', '--variations', '2', '--key', 'C:major', '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { files: string[] };
    expect(report.files).toEqual([join(dir, 'v-1.mid'), join(dir, 'v-2.mid')]);
    const cMajor = new Set([0, 2, 4, 5, 7, 9, 11]);
    for (const file of report.files) {
      const added = notesFrom(load(file), TempoMap.fromSong(load(join(repoRoot, SEED))).barStartTick(8));
      expect(added.length).toBeGreaterThan(0);
      expect(added.every((n) => cMajor.has(n.pitch % 12))).toBe(true);
    }
  });

  it('continues with each shipped model', () => {
    for (const [model, seed] of [['folk-nottingham', 'samples/folk-scarborough-fair.mid'], ['chorale-jsb', 'samples/minuet-in-g.mid']]) {
      const out = join(dir, `${model}.mid`);
      const result = runCli(['continue', seed, '-o', out, '--model', model, '--bars', '2', '--seed', '3']);
      expect(result.status, `${model}: ${result.stderr}`).toBe(0);
      expect(songProvenance(load(out))?.model?.name).toBe(model);
    }
  });

  it('runs any model folder given by path: a copied and renamed one works like the original', () => {
    const copy = join(dir, 'my-renamed-model');
    cpSync(join(repoRoot, 'models/folk-nottingham'), copy, { recursive: true });
    const args = ['samples/folk-scarborough-fair.mid', '--bars', '2', '--seed', '5'];
    const viaCopy = runCli(['continue', ...args, '-o', join(dir, 'copy.mid'), '--model', copy]);
    expect(viaCopy.stderr).not.toContain('alea:');
    expect(viaCopy.status).toBe(0);
    expect(runCli(['continue', ...args, '-o', join(dir, 'original.mid'), '--model', 'folk-nottingham']).status).toBe(0);
    expect(Buffer.compare(readFileSync(join(dir, 'copy.mid')), readFileSync(join(dir, 'original.mid')))).toBe(0);
    const missing = runCli(['continue', ...args, '-o', join(dir, 'none.mid'), '--model', 'no-such-model']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("no model folder 'no-such-model'");
  });

  it('refuses bad usage with exit 2 and a corrupt model with exit 1, one line each', () => {
    const badKey = runCli(['continue', SEED, '-o', join(dir, 'x.mid'), '--key', 'H:major']);
    expect(badKey.status).toBe(2);
    expect(badKey.stderr).toContain('H:major');
    const corrupt = join(dir, 'corrupt-model');
    cpSync(join(repoRoot, 'models/chorale-jsb'), corrupt, { recursive: true });
    const config = JSON.parse(readFileSync(join(corrupt, 'config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(corrupt, 'config.json'), JSON.stringify({ ...config, dModel: 64 }));
    const result = runCli(['continue', SEED, '-o', join(dir, 'y.mid'), '--model', corrupt]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('config.json');
  });
});
