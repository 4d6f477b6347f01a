import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AleaError } from '../../../src/core/errors.ts';
import { MAX_MIDI_BYTES, readMidi } from '../../../src/core/music/index.ts';

const FIXTURES = resolve(__dirname, '../../fixtures/bad/midi');

/** What the one line must say for each damaged file (made by scripts/make-bad-fixtures-midi.ts). */
const EXPECTED: Record<string, RegExp> = {
  'empty.mid': /empty \(0 bytes\)/,
  'not-midi.mid': /not a Standard MIDI File.*'Thes'/,
  'wrong-magic.mid': /not a Standard MIDI File.*'RIFF'/,
  'truncated-header.mid': /header is truncated.*10 bytes/,
  'header-length-absurd.mid': /header chunk declares 4294967280 bytes; it must be 6/,
  'track-length-absurd.mid': /track chunk 1 is truncated or corrupt: it declares 4294967295 bytes/,
  'truncated-track.mid': /track chunk 2 is truncated or corrupt/,
  'no-tracks-declared-but-data.mid': /declares no tracks but \d+ bytes follow/,
  'tracks-missing.mid': /declares 3 track\(s\) but the file holds 2/,
  'unknown-format.mid': /unknown MIDI file format 7/,
  'zero-division.mid': /0 ticks per quarter note/,
  'smpte-division.mid': /SMPTE time division \(25 frames\/s\)/,
  'garbage-events.mid': /data byte 0x3c with no status byte before it/,
  'bad-meta-length.mid': /corrupt.*setTempo/,
  'note-out-of-range.mid': /pitch is 200/,
  'time-signature-zero.mid': /timeSignatures\[0\]\.numerator is 0/,
  'track-chunk-renamed.mid': /declares 2 track\(s\) but the file holds 1/,
};

function readError(bytes: Uint8Array, name: string): AleaError {
  try {
    readMidi(bytes, name);
  } catch (error) {
    if (error instanceof AleaError) return error;
    throw new Error(`${name}: expected an AleaError, got ${String(error)}`);
  }
  throw new Error(`${name}: was read without complaint`);
}

describe('damaged MIDI files', () => {
  it('the fixture folder holds exactly the files this test knows', () => {
    expect(readdirSync(FIXTURES).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, message] of Object.entries(EXPECTED)) {
    it(`${name}: one bad-input line saying what is wrong`, () => {
      const error = readError(new Uint8Array(readFileSync(join(FIXTURES, name))), name);
      expect(error.kind).toBe('bad-input');
      expect(error.file).toBe(name);
      const line = error.toLine();
      expect(line).not.toContain('\n');
      expect(line.length).toBeLessThan(200);
      expect(line).toMatch(message);
    });
  }

  it('refuses a file over 64 MiB before parsing it', () => {
    const huge = new Uint8Array(MAX_MIDI_BYTES + 1);
    huge.set([0x4d, 0x54, 0x68, 0x64]);
    expect(readError(huge, 'huge.mid').message).toMatch(/too large.*64 MiB/);
  });

  it('refuses a system real-time byte inside a track', () => {
    const header = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96];
    const events = [0x00, 0xf8, 0x00, 0xff, 0x2f, 0x00];
    const bytes = Uint8Array.from([...header, 0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, events.length, ...events]);
    expect(readError(bytes, 'clock.mid').message).toMatch(/system message 0xf8/);
  });
});
