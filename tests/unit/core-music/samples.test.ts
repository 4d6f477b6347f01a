import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSamples } from '../../../scripts/make-samples.ts';
import {
  estimateKey,
  isQuantized,
  quantizeSong,
  readMidi,
  readMidiProvenance,
  songBarCount,
} from '../../../src/core/music/index.ts';

const SAMPLES = resolve(__dirname, '../../../samples');
const EXPECTED_FILES = ['classical-ode-to-joy.mid', 'folk-scarborough-fair.mid', 'minuet-in-g.mid', 'pop-8bar-melody.mid'];

describe('shipped sample MIDI files', () => {
  const built = buildSamples();

  it('are the four files samples/README.md lists', () => {
    expect(Object.keys(built).sort()).toEqual(EXPECTED_FILES);
    const readme = readFileSync(resolve(SAMPLES, 'README.md'), 'utf8');
    for (const file of EXPECTED_FILES) expect(readme).toContain(file);
  });

  for (const file of EXPECTED_FILES) {
    describe(file, () => {
      const bytes = new Uint8Array(readFileSync(resolve(SAMPLES, file)));
      const song = readMidi(bytes, file);

      it('is exactly what scripts/make-samples.ts writes', () => {
        expect(Buffer.from(bytes).equals(Buffer.from(built[file]))).toBe(true);
      });

      it('has at least 8 bars, two tracks, and sits on a sixteenth grid', () => {
        expect(songBarCount(song)).toBeGreaterThanOrEqual(8);
        expect(song.tracks.length).toBeGreaterThanOrEqual(2);
        for (const track of song.tracks) expect(isQuantized(track.notes, song.ppq, 4)).toBe(true);
        expect(quantizeSong(song, { stepsPerQuarter: 4 }).tracks).toEqual(song.tracks);
      });

      it('sounds in the key its key signature declares', () => {
        const declared = song.keySignatures[0];
        const estimated = estimateKey(song.tracks.flatMap((t) => t.notes));
        expect(estimated).toMatchObject({ tonic: declared.tonic, mode: declared.mode });
      });

      it('credits its source and says Alea made it', () => {
        expect(song.texts[0]).toMatch(/public domain/);
        expect(readMidiProvenance(bytes)?.generator).toMatch(/^Alea .* make-samples$/);
      });
    });
  }
});
