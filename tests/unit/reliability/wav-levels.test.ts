import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audioDuration } from '../../../src/core/audio/audio-data.ts';
import { peakDb, rmsDb } from '../../../src/core/audio/levels.ts';
import { scanWavLevels } from '../../../src/core/audio/wav-levels.ts';
import { readWav } from '../../../src/core/audio/wav-read.ts';
import { repoRoot } from '../cli/run-cli.ts';

describe('WAV levels read without decoding a copy (alea info)', () => {
  const files = [
    ...readdirSync(join(repoRoot, 'samples')).filter((n) => n.endsWith('.wav')).map((n) => join(repoRoot, 'samples', n)),
    ...readdirSync(join(repoRoot, 'tests/fixtures/good/wav')).filter((n) => n.endsWith('.wav')).map((n) => join(repoRoot, 'tests/fixtures/good/wav', n)),
  ];

  it('gives the figures of the decoded audio for every good file', () => {
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const { audio, info } = readWav(bytes, file);
      const levels = scanWavLevels(bytes, file);
      expect(levels.info, file).toEqual(info);
      expect(levels.seconds, file).toBe(audioDuration(audio));
      expect(levels.peakDb, file).toBe(peakDb(audio));
      expect(levels.rmsDb, file).toBeCloseTo(rmsDb(audio), 9);
    }
  });

  it('refuses every bad file with the same line as the full reader', () => {
    const folder = join(repoRoot, 'tests/fixtures/bad/wav');
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.wav'))) {
      const bytes = new Uint8Array(readFileSync(join(folder, name)));
      const full = (() => { try { readWav(bytes, name); return 'ok'; } catch (e) { return (e as Error).message; } })();
      const scanned = (() => { try { scanWavLevels(bytes, name); return 'ok'; } catch (e) { return (e as Error).message; } })();
      expect(scanned, name).toBe(full);
    }
  });
});
