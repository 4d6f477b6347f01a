/**
 * Reads real files from the training corpora (beside the project, never inside it). When a
 * corpus folder is absent the test says so and passes without checking it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMidi, songBarCount, validateSong, writeMidi, type Song } from '../../../src/core/music/index.ts';

const DATA = resolve(__dirname, '../../../../shared/data');
const SAMPLE_SIZE = 20;

function firstFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.toLowerCase().endsWith('.mid'))
    .sort()
    .slice(0, SAMPLE_SIZE)
    .map((name) => join(folder, name));
}

function readAll(folder: string): Array<[string, Song]> {
  return firstFiles(folder).map((file) => [file, readMidi(new Uint8Array(readFileSync(file)), file)]);
}

function describeCorpus(name: string, check: (songs: Array<[string, Song]>) => void): void {
  const folder = join(DATA, name);
  if (!existsSync(folder)) {
    it.skip(`${name}: corpus folder ${folder} is absent, nothing to read`, () => {});
    return;
  }
  it(`reads the first ${SAMPLE_SIZE} ${name} files into valid songs that survive a round trip`, () => {
    const songs = readAll(folder);
    expect(songs.length).toBeGreaterThan(0);
    for (const [file, song] of songs) {
      expect(() => validateSong(song), file).not.toThrow();
      expect(songBarCount(song), file).toBeGreaterThan(0);
      expect(readMidi(writeMidi(song)), file).toEqual(song);
    }
    check(songs);
  });
}

describe('real MIDI corpora', () => {
  describeCorpus('pop909', (songs) => {
    for (const [file, song] of songs) {
      expect(song.tracks.map((t) => t.name), file).toEqual(['MELODY', 'BRIDGE', 'PIANO']);
      const melody = song.tracks[0];
      expect(melody.notes.length, file).toBeGreaterThan(50);
      expect(song.tracks[2].notes.length, file).toBeGreaterThan(melody.notes.length);
      expect(song.tempos[0].bpm, file).toBeGreaterThan(40);
    }
  });

  describeCorpus('nottingham', (songs) => {
    for (const [file, song] of songs) {
      // Melody and chords; some tunes have the melody only.
      expect(song.tracks.length, file).toBeGreaterThanOrEqual(1);
      expect(song.tracks[0].notes.length, file).toBeGreaterThan(10);
      expect(song.keySignatures.length, file).toBeGreaterThan(0);
    }
  });
});
