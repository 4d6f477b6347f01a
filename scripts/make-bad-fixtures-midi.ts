/**
 * Writes the damaged MIDI files Alea must refuse with one clear line, into
 * tests/fixtures/bad/midi/ (or the folder given as the first argument).
 *
 *   npx tsx scripts/make-bad-fixtures-midi.ts [out-dir]
 *
 * Each file starts from a small valid song written by Alea and breaks one thing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createEmptySong, createTrack, writeMidi } from '../src/core/music/index.ts';

const outDir = resolve(process.argv[2] ?? join(import.meta.dirname, '../tests/fixtures/bad/midi'));

function validFile(): Uint8Array {
  const song = createEmptySong('fixture', 96, 120, [4, 4]);
  const notes = [60, 62, 64, 65].map((pitch, i) => ({ pitch, velocity: 90, startTick: i * 96, endTick: i * 96 + 90 }));
  song.tracks.push(createTrack('melody', { notes }));
  return writeMidi(song);
}

function withUint32(bytes: Uint8Array, offset: number, value: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(offset, value);
  return copy;
}

function withUint16(bytes: Uint8Array, offset: number, value: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint16(offset, value);
  return copy;
}

/** A one-track file whose track chunk holds exactly `events`. */
function singleTrack(events: number[]): Uint8Array {
  const header = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96];
  const length = events.length;
  const chunk = [0x4d, 0x54, 0x72, 0x6b, length >>> 24, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff];
  return Uint8Array.from([...header, ...chunk, ...events]);
}

const END_OF_TRACK = [0x00, 0xff, 0x2f, 0x00];
const valid = validFile();
// Offsets in every file: 4 header length, 8 format, 10 track count, 12 division, 14 first MTrk.
const firstTrackLength = new DataView(valid.buffer).getUint32(18);
const secondTrackOffset = 14 + 8 + firstTrackLength;

const fixtures: Record<string, Uint8Array> = {
  'empty.mid': new Uint8Array(0),
  'not-midi.mid': new TextEncoder().encode('These are notes about a song, not a MIDI file.\n'),
  'wrong-magic.mid': Uint8Array.from([0x52, 0x49, 0x46, 0x46, ...valid.subarray(4)]), // "RIFF"
  'truncated-header.mid': valid.slice(0, 10),
  'header-length-absurd.mid': withUint32(valid, 4, 0xfffffff0),
  'track-length-absurd.mid': withUint32(valid, 18, 0xffffffff),
  'truncated-track.mid': valid.slice(0, valid.length - 9),
  'no-tracks-declared-but-data.mid': withUint16(valid, 10, 0),
  'tracks-missing.mid': withUint16(valid, 10, 3),
  'unknown-format.mid': withUint16(valid, 8, 7),
  'zero-division.mid': withUint16(valid, 12, 0),
  // 0xE7 = -25 (25 frames/s), 40 ticks per frame.
  'smpte-division.mid': withUint16(valid, 12, 0xe728),
  // Delta 0, then data bytes 0x3c 0x40 with no status byte before them to run on.
  'garbage-events.mid': singleTrack([0x00, 0x3c, 0x40, ...END_OF_TRACK]),
  // A set-tempo meta event must carry 3 bytes; this one says 2.
  'bad-meta-length.mid': singleTrack([0x00, 0xff, 0x51, 0x02, 0x07, 0xa1, ...END_OF_TRACK]),
  // Note-on/off whose key byte is 0xC8 (200): a corrupt data byte.
  'note-out-of-range.mid': singleTrack([0x00, 0x90, 0xc8, 0x40, 0x60, 0x80, 0xc8, 0x00, ...END_OF_TRACK]),
  // Time signature 0/4.
  'time-signature-zero.mid': singleTrack([0x00, 0xff, 0x58, 0x04, 0x00, 0x02, 0x18, 0x08, ...END_OF_TRACK]),
  // Second track chunk renamed: an unknown chunk where the declared second track should be.
  'track-chunk-renamed.mid': (() => {
    const copy = valid.slice();
    copy.set([0x58, 0x58, 0x58, 0x58], secondTrackOffset); // "XXXX"
    return copy;
  })(),
};

mkdirSync(outDir, { recursive: true });
for (const [name, bytes] of Object.entries(fixtures)) {
  if (bytes.length > 2048) throw new Error(`${name} is ${bytes.length} bytes; fixtures stay under 2 KB`);
  writeFileSync(join(outDir, name), bytes);
}
console.log(`wrote ${Object.keys(fixtures).length} files to ${outDir}`);
