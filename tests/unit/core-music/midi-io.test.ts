import { describe, expect, it } from 'vitest';
import { AleaError } from '../../../src/core/errors.ts';
import {
  PROVENANCE_PREFIX,
  bpmFromMicroseconds,
  createEmptySong,
  createTrack,
  readMidi,
  readMidiProvenance,
  songProvenance,
  writeMidi,
  type Note,
  type Song,
} from '../../../src/core/music/index.ts';
import type { Provenance } from '../../../src/core/provenance.ts';

const note = (pitch: number, startTick: number, endTick: number, velocity = 90): Note => ({ pitch, velocity, startTick, endTick });

/** Three tracks (one drum), two tempo changes, two meters, a key change, texts, unicode names. */
function richSong(): Song {
  const song = createEmptySong('Round Trip Señor 小星星', 480, 96, [4, 4]);
  song.tempos.push({ tick: 1920, bpm: 132.5 }, { tick: 3840, bpm: 70 });
  song.timeSignatures.push({ tick: 3840, numerator: 6, denominator: 8 });
  song.keySignatures.push({ tick: 0, tonic: 10, mode: 'major' }, { tick: 3840, tonic: 6, mode: 'minor' });
  song.texts.push('first text', 'zweiter Text: äöü');
  song.tracks.push(
    createTrack('Lead', {
      channel: 0,
      program: 73,
      notes: [note(72, 0, 480, 1), note(74, 480, 960, 127), note(76, 960, 1200, 64), note(76, 1200, 1440, 65), note(60, 1440, 5000, 33)],
    }),
    createTrack('Bass', { channel: 1, program: 33, notes: [note(36, 0, 1920, 100), note(36, 1920, 3840, 101), note(43, 1920, 2400, 2)] }),
    createTrack('Drums', { isDrum: true, notes: [note(36, 0, 60, 120), note(38, 480, 540, 110), note(42, 0, 30, 70), note(42, 240, 270, 71)] }),
  );
  return song;
}

describe('writeMidi → readMidi', () => {
  it('round-trips a three-track song exactly', () => {
    const song = richSong();
    expect(readMidi(writeMidi(song))).toEqual(song);
  });

  it('keeps every velocity 1..127 and every pitch 0..127 exactly', () => {
    const song = createEmptySong('velocities');
    const notes = Array.from({ length: 128 }, (_, i) => note(i, i * 10, i * 10 + 5, Math.max(1, i)));
    song.tracks.push(createTrack('all', { notes }));
    expect(readMidi(writeMidi(song)).tracks[0].notes).toEqual(song.tracks[0].notes);
  });

  it('keeps re-struck notes of one pitch apart (note-off before the next note-on)', () => {
    const song = createEmptySong('restrike');
    song.tracks.push(createTrack('t', { notes: [note(60, 0, 240), note(60, 240, 480), note(60, 480, 960)] }));
    expect(readMidi(writeMidi(song)).tracks[0].notes).toEqual(song.tracks[0].notes);
  });

  it('keeps the channel, program and drum flag of tracks without notes', () => {
    const song = createEmptySong('empty tracks');
    song.tracks.push(
      createTrack('Drums', { isDrum: true, program: 25 }),
      createTrack('Lead', { channel: 4, program: 81, notes: [note(60, 0, 480)] }),
      createTrack('Pad', { channel: 7, program: 89 }),
    );
    expect(readMidi(writeMidi(song))).toEqual(song);
  });

  it('writes the same bytes for the same song', () => {
    const provenance: Provenance = { generator: 'Alea 0.1.0 test', seed: 7, params: { temperature: 0.9 } };
    const first = writeMidi(richSong(), provenance);
    const second = writeMidi(richSong(), provenance);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect(Buffer.from(writeMidi(richSong())).equals(Buffer.from(first))).toBe(false);
  });

  it('reads a valid file without notes', () => {
    const song = createEmptySong('silence', 96, 120, [3, 4]);
    const back = readMidi(writeMidi(song));
    expect(back.tracks).toEqual([]);
    expect(back.timeSignatures).toEqual([{ tick: 0, numerator: 3, denominator: 4 }]);
    expect(back.ppq).toBe(96);
  });

  it('names the song after the file when the file has no name', () => {
    const song = createEmptySong('');
    song.tracks.push(createTrack('x', { notes: [note(60, 0, 10)] }));
    expect(readMidi(writeMidi(song), 'some/dir/tune.mid').name).toBe('tune');
  });

  it('refuses to write a broken song, naming the field', () => {
    const song = createEmptySong('bad');
    song.tracks.push(createTrack('t', { notes: [note(128, 0, 10)] }));
    expect(() => writeMidi(song)).toThrowError(/tracks\[0\]\.notes\[0\]\.pitch is 128/);
  });
});

describe('provenance in MIDI files', () => {
  const provenance: Provenance = {
    generator: 'Alea 0.1.0 continue',
    model: { name: 'continue-small', sha256: 'ab'.repeat(32) },
    seed: 42,
    source: 'seed.mid',
    params: { bars: 8, temperature: 0.9, topP: 0.95 },
  };

  it('is written as a text event and read back', () => {
    const bytes = writeMidi(richSong(), provenance);
    const back = readMidiProvenance(bytes);
    expect(back).toEqual({ ...provenance, params: { bars: '8', temperature: '0.9', topP: '0.95' } });
    const texts = readMidi(bytes).texts;
    expect(texts.slice(0, 2)).toEqual(['first text', 'zweiter Text: äöü']);
    expect(texts[2].startsWith(PROVENANCE_PREFIX)).toBe(true);
  });

  it('replaces an older provenance instead of piling them up', () => {
    const once = readMidi(writeMidi(richSong(), provenance));
    const twice = readMidi(writeMidi(once, { generator: 'Alea 0.1.0 render', seed: 1 }));
    expect(twice.texts.filter((t) => t.startsWith(PROVENANCE_PREFIX))).toHaveLength(1);
    expect(songProvenance(twice)).toEqual({ generator: 'Alea 0.1.0 render', seed: 1 });
  });

  it('is absent from a file Alea did not stamp', () => {
    expect(readMidiProvenance(writeMidi(richSong()))).toBeUndefined();
  });
});

describe('tempo precision', () => {
  it('recovers the simplest bpm that MIDI stores as the same microseconds', () => {
    expect(bpmFromMicroseconds(500_000)).toBe(120);
    expect(bpmFromMicroseconds(Math.round(60_000_000 / 132.5))).toBe(132.5);
    expect(bpmFromMicroseconds(Math.round(60_000_000 / 87.25))).toBe(87.25);
    // 666 665 µs is not any round bpm: the exact value comes back.
    expect(bpmFromMicroseconds(666_665)).toBeCloseTo(90.000225, 6);
  });
});

describe('readMidi errors', () => {
  it('throws a bad-input AleaError naming the file', () => {
    let caught: unknown;
    try {
      readMidi(new TextEncoder().encode('hello'), 'notes.mid');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AleaError);
    const error = caught as AleaError;
    expect(error.kind).toBe('bad-input');
    expect(error.file).toBe('notes.mid');
    expect(error.toLine()).toMatch(/^notes\.mid: not a Standard MIDI File/);
  });
});
