import { describe, expect, it } from 'vitest';
import {
  decodeNoteSetAudio,
  encodeNoteSamples,
  noteSamples,
  parseNoteSetManifest,
  type NoteSetManifest,
} from '../../../src/core/soundfont/note-set.ts';
import { isAleaError } from '../../../src/core/errors.ts';

const manifest: NoteSetManifest = {
  format: 'alea-notes',
  version: 1,
  sampleRate: 8000,
  holdSeconds: 0.01,
  noteSeconds: 0.0125,
  gain: 2,
  soundfont: { file: 'bank.sf2', sha256: 'a'.repeat(64) },
  notes: [
    { program: 0, name: 'Acoustic Grand Piano', family: 'piano', pitch: 60, velocity: 80 },
    { program: 73, name: 'Flute', family: 'pipe', pitch: 72, velocity: 40 },
  ],
};

function lineOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isAleaError(error)) return error.toLine();
    throw error;
  }
  throw new Error('expected an AleaError');
}

describe('note-set format', () => {
  it('round-trips samples through int16 with the gain (100 samples per note here)', () => {
    const notes = [0, 1].map((n) => Float32Array.from({ length: 100 }, (_, i) => 0.4 * Math.sin(i / (3 + n))));
    const bytes = new Uint8Array(400);
    notes.forEach((samples, n) => bytes.set(encodeNoteSamples(samples, manifest.gain).bytes, n * 200));
    const parsed = parseNoteSetManifest(JSON.stringify(manifest), 'notes.json');
    const pcm = decodeNoteSetAudio(bytes, parsed, 'audio.pcm16');
    for (const n of [0, 1]) {
      const back = noteSamples(pcm, parsed, n);
      expect(back.length).toBe(100);
      for (let i = 0; i < 100; i++) expect(Math.abs(back[i] - notes[n][i])).toBeLessThan(1 / 32767 / manifest.gain);
    }
    expect(() => noteSamples(pcm, parsed, 2)).toThrow(RangeError);
  });

  it('stores little-endian int16 and counts clipped samples', () => {
    const { bytes, clipped } = encodeNoteSamples(Float32Array.from([0.125, -0.125, 0.9, Number.NaN]), 2);
    expect(clipped).toBe(1);
    expect(Array.from(new Int16Array(bytes.buffer))).toEqual([8192, -8192, 32767, 0]);
    expect(bytes[0]).toBe(0x00);
    expect(bytes[1]).toBe(0x20);
  });

  it('names the bad field in one line', () => {
    expect(lineOf(() => parseNoteSetManifest('{', 'x/notes.json'))).toMatch(/^x\/notes\.json: is not valid JSON/);
    expect(lineOf(() => parseNoteSetManifest(JSON.stringify({ ...manifest, format: 'other' }), 'notes.json'))).toMatch(/^notes\.json: format: /);
    const badPitch = { ...manifest, notes: [manifest.notes[0], { ...manifest.notes[1], pitch: 200 }] };
    expect(lineOf(() => parseNoteSetManifest(JSON.stringify(badPitch), 'notes.json'))).toMatch(/^notes\.json: notes\[1\]\.pitch: /);
    expect(lineOf(() => parseNoteSetManifest(JSON.stringify({ ...manifest, soundfont: { file: 'b', sha256: 'xyz' } }), 'notes.json'))).toMatch(/soundfont\.sha256/);
    expect(lineOf(() => parseNoteSetManifest(JSON.stringify({ ...manifest, noteSeconds: 0.001 }), 'notes.json'))).toMatch(/noteSeconds: must be ≥ holdSeconds/);
  });

  it('refuses audio whose length does not match the manifest', () => {
    expect(lineOf(() => decodeNoteSetAudio(new Uint8Array(398), manifest, 'audio.pcm16'))).toBe('audio.pcm16: holds 398 bytes, the manifest\'s 2 notes need 400');
  });
});
