/** `alea continue --from-nothing`: no seed file, the song's meter, tempo, key and length from flags. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMidi } from '../../../src/core/music/midi-io.ts';
import { runCli } from './run-cli.ts';

describe('alea continue --from-nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alea-from-nothing-'));

  it('writes the asked bars in the asked meter, tempo and key; the same seed gives the same bytes', () => {
    const args = (out: string) => ['continue', '--from-nothing', '--meter', '3/4', '--tempo', '96', '--key', 'D:minor', '--bars', '8', '--seed', '5', '-o', out];
    const a = runCli(args(join(dir, 'a.mid')));
    expect(a.stderr).not.toContain('alea:');
    expect(a.status).toBe(0);
    runCli(args(join(dir, 'b.mid')));
    const bytes = readFileSync(join(dir, 'a.mid'));
    expect(bytes.equals(readFileSync(join(dir, 'b.mid')))).toBe(true);
    const song = readMidi(new Uint8Array(bytes), 'a.mid');
    expect(song.timeSignatures[0]).toMatchObject({ numerator: 3, denominator: 4 });
    expect(song.tempos[0].bpm).toBeCloseTo(96, 3);
    const notes = song.tracks.flatMap((t) => t.notes);
    expect(notes.length).toBeGreaterThan(0);
    expect(Math.max(...notes.map((n) => n.startTick))).toBeLessThan(8 * 3 * song.ppq);
    const dMinor = new Set([2, 4, 5, 7, 9, 10, 0, 1]); // natural and harmonic minor (C#)
    for (const n of notes) expect(dMinor.has(n.pitch % 12)).toBe(true);
  });

  it('bad usage is one line and exit 2: no seed and no flag, a seed with the flag, a stray --meter, a meter or tempo out of reach', () => {
    const cases: [string[], RegExp][] = [
      [['continue', '-o', join(dir, 'x.mid')], /missing the seed file/],
      [['continue', 'samples/pop-8bar-melody.mid', '--from-nothing', '-o', join(dir, 'x.mid')], /takes no seed file/],
      [['continue', 'samples/pop-8bar-melody.mid', '--meter', '3/4', '-o', join(dir, 'x.mid')], /--meter applies only with --from-nothing/],
      [['continue', '--from-nothing', '--meter', '13/16', '-o', join(dir, 'x.mid')], /--meter must be one of/],
      [['continue', '--from-nothing', '--tempo', '1000', '-o', join(dir, 'x.mid')], /--tempo/],
      [['infill', '--bars', '1-2', '-o', join(dir, 'x.mid')], /missing required argument 'seed'/],
      [['continue', '--from-nothing'], /required option '-o/],
    ];
    for (const [args, message] of cases) {
      const result = runCli(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
  });
});
