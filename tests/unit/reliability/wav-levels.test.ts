import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audioDuration } from '../../../src/core/audio/audio-data.ts';
import { peakDb, rmsDb } from '../../../src/core/audio/levels.ts';
import { scanWavLevels } from '../../../src/core/audio/wav-levels.ts';
import { readWav } from '../../../src/core/audio/wav-read.ts';
import { repoRoot } from '../cli/run-cli.ts';
import { scanWavFile } from '../../../src/cli/wav-file-levels.ts';

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

  it('read block by block from disk, gives the figures of the whole read (or defers to it)', async () => {
    for (const file of files) {
      const whole = scanWavLevels(new Uint8Array(readFileSync(file)), file);
      const streamed = await scanWavFile(file);
      if (streamed === undefined) continue; // an unusual file: info reads it whole
      expect(streamed.info, file).toEqual(whole.info);
      expect(streamed.provenance, file).toEqual(whole.provenance);
      expect(streamed.frames, file).toBe(whole.frames);
      expect(streamed.peakDb, file).toBe(whole.peakDb);
      expect(streamed.rmsDb, file).toBe(whole.rmsDb);
    }
    expect((await Promise.all(files.map((f) => scanWavFile(f)))).filter((r) => r !== undefined).length).toBeGreaterThan(5);
  });

  it('never accepts a bad file the whole read refuses', async () => {
    const folder = join(repoRoot, 'tests/fixtures/bad/wav');
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.wav'))) {
      const path = join(folder, name);
      const full = (() => { try { scanWavLevels(new Uint8Array(readFileSync(path)), path); return 'ok'; } catch (e) { return (e as Error).message; } })();
      const streamed = await scanWavFile(path).then((r) => (r === undefined ? full : 'ok'), (e: unknown) => (e as Error).message);
      expect(streamed, name).toBe(full);
    }
  });
});
