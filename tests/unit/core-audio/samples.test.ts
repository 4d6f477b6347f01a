import { readFileSync, readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSilent, peakDb, readWav } from '../../../src/core/audio/index.ts';

const files = readdirSync('samples').filter((f) => f.endsWith('.wav'));

describe('shipped sample sounds', () => {
  it('has four to six of them, each described in SOUNDS.md', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(files.length).toBeLessThanOrEqual(6);
    const doc = readFileSync('samples/SOUNDS.md', 'utf8');
    for (const file of files) expect(doc).toContain(`\`${file}\``);
  });

  for (const file of files) {
    it(`${file} is a short 44.1 kHz 16-bit mono sound that says how it was made`, () => {
      expect(statSync(`samples/${file}`).size).toBeLessThan(200 * 1024);
      const { audio, info, provenance } = readWav(readFileSync(`samples/${file}`), file);
      expect(info).toEqual({ format: 'pcm', bitDepth: 16, channels: 1, sampleRate: 44100 });
      expect(audio.channels[0].length).toBeLessThanOrEqual(2 * 44100);
      expect(provenance?.generator).toMatch(/^Alea .* scripts\/make-sample-sounds\.ts$/);
      expect(provenance?.params?.midi).toEqual(expect.any(Number));
      expect(isSilent(audio)).toBe(false);
      expect(peakDb(audio)).toBeLessThanOrEqual(-0.99);
    });
  }
});
