import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav } from '../../../src/core/audio/wav-read.ts';
import { peakDb, isSilent } from '../../../src/core/audio/levels.ts';
import { runCli } from './run-cli.ts';

describe('alea render', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alea-render-'));

  it('renders a seed MIDI to a valid, non-silent, non-clipping 24-bit WAV that says how it was made', () => {
    const out = join(dir, 'pop.wav');
    const result = runCli(['render', 'samples/pop-8bar-melody.mid', '-o', out, '--json']);
    expect(result.stderr).not.toContain('alea:');
    expect(result.status).toBe(0);
    const { audio, info, provenance } = readWav(new Uint8Array(readFileSync(out)));
    expect(info.bitDepth).toBe(24);
    expect(info.channels).toBe(2);
    expect(isSilent(audio)).toBe(false);
    expect(peakDb(audio)).toBeLessThanOrEqual(-0.9);
    expect(provenance?.generator).toMatch(/^Alea .* render$/);
    expect(provenance?.source).toBe('pop-8bar-melody.mid');
    expect(JSON.parse(result.stdout).output).toBe(out);
  });

  it('gives identical bytes when run twice', () => {
    const a = join(dir, 'a.wav');
    const b = join(dir, 'b.wav');
    expect(runCli(['render', 'samples/classical-ode-to-joy.mid', '-o', a, '--bit-depth', '16']).status).toBe(0);
    expect(runCli(['render', 'samples/classical-ode-to-joy.mid', '-o', b, '--bit-depth', '16']).status).toBe(0);
    expect(Buffer.compare(readFileSync(a), readFileSync(b))).toBe(0);
  });

  it('refuses a MIDI file without notes and leaves no output behind', () => {
    const empty = join(dir, 'empty-song.mid');
    // A valid format-0 file with one empty track (only end-of-track).
    writeFileSync(empty, Uint8Array.from([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 1, 0xe0, 0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, 4, 0, 0xff, 0x2f, 0]));
    const out = join(dir, 'never.wav');
    const result = runCli(['render', empty, '-o', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no notes');
    expect(() => readFileSync(out)).toThrow();
  });
});
