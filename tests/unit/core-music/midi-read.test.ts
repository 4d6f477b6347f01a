import { describe, expect, it } from 'vitest';
import { isAleaError } from '../../../src/core/errors.ts';
import { bpmFromMicroseconds, readMidi } from '../../../src/core/music/index.ts';
import { META, TrackEncoder, encodeSmf } from '../../../src/core/music/smf-encoder.ts';

/**
 * What readMidi makes of files other programs write (the training data comes from such files):
 * events spread over tracks and out of order, missing defaults, foreign meta events.
 */

const tempo = (t: TrackEncoder, tick: number, bpm: number): void => {
  const us = Math.round(60_000_000 / bpm);
  t.meta(tick, META.setTempo, [us >> 16, (us >> 8) & 0xff, us & 0xff]);
};
const meter = (t: TrackEncoder, tick: number, numerator: number, denominatorPower: number): void =>
  t.meta(tick, META.timeSignature, [numerator, denominatorPower, 24, 8]);
const key = (t: TrackEncoder, tick: number, sharps: number, minor = false): void => t.meta(tick, META.keySignature, [sharps & 0xff, minor ? 1 : 0]);
const note = (t: TrackEncoder, tick: number, pitch: number, length: number, channel = 0): void => {
  t.channel(tick, 0x90 | channel, pitch, 100);
  t.channel(tick + length, 0x80 | channel, pitch, 0);
};

function file(build: (conductor: TrackEncoder, notes: TrackEncoder) => void): Uint8Array {
  const conductor = new TrackEncoder();
  const notes = new TrackEncoder();
  build(conductor, notes);
  return encodeSmf(1, 480, [conductor.finish(), notes.finish()]);
}

describe('readMidi on files from elsewhere', () => {
  it('adds 120 bpm and 4/4 at tick 0 when the first change comes later, and keeps changes in time order', () => {
    const song = readMidi(
      file((conductor, notes) => {
        tempo(conductor, 960, 90);
        meter(conductor, 1920, 3, 2);
        // a second track stating earlier changes after the conductor's later ones
        note(notes, 0, 60, 480);
        tempo(notes, 480, 100);
      }),
    );
    expect(song.tempos).toEqual([
      { tick: 0, bpm: 120 },
      { tick: 480, bpm: 100 },
      { tick: 960, bpm: 90 },
    ]);
    expect(song.timeSignatures).toEqual([
      { tick: 0, numerator: 4, denominator: 4 },
      { tick: 1920, numerator: 3, denominator: 4 },
    ]);
  });

  it('of two changes at one tick keeps the later, and keeps a change at tick 0 without a default', () => {
    const song = readMidi(
      file((conductor, notes) => {
        tempo(conductor, 0, 80);
        tempo(conductor, 0, 96);
        meter(conductor, 0, 6, 3);
        note(notes, 0, 60, 480);
      }),
    );
    expect(song.tempos).toEqual([{ tick: 0, bpm: 96 }]);
    expect(song.timeSignatures).toEqual([{ tick: 0, numerator: 6, denominator: 8 }]);
  });

  it('reads key signatures in time order, one per tick, and skips a key byte outside −7..7', () => {
    const song = readMidi(
      file((conductor, notes) => {
        key(conductor, 1920, 2); // D major
        key(conductor, 2880, 9); // no such key
        key(notes, 0, -3, true); // C minor, stated in the second track
        note(notes, 0, 60, 480);
        key(notes, 960, 0);
        key(notes, 960, 1); // the later one at 960 wins: G major
      }),
    );
    expect(song.keySignatures).toEqual([
      { tick: 0, tonic: 0, mode: 'minor' },
      { tick: 960, tonic: 7, mode: 'major' },
      { tick: 1920, tonic: 2, mode: 'major' },
    ]);
  });

  it('reads all fifteen key signatures, from seven flats to seven sharps', () => {
    const song = readMidi(
      file((conductor, notes) => {
        for (let sharps = -7; sharps <= 7; sharps++) key(conductor, (sharps + 7) * 480, sharps);
        note(notes, 0, 60, 480);
      }),
    );
    // the tonic of a major key is seven semitones (a fifth) up per sharp: Cb, Gb, ... C, G, ... C#
    expect(song.keySignatures).toEqual(
      Array.from({ length: 15 }, (_, i) => ({ tick: i * 480, tonic: ((7 * (i - 7)) % 12 + 12) % 12, mode: 'major' })),
    );
  });

  it('keeps only text events as the song’s texts (not copyright notices or markers)', () => {
    const song = readMidi(
      file((conductor, notes) => {
        conductor.text(0, META.text, 'a text');
        conductor.text(0, 0x02, '(c) someone');
        conductor.text(0, 0x06, 'Verse');
        note(notes, 0, 60, 480);
      }),
    );
    expect(song.texts).toEqual(['a text']);
  });

  it('names the song after the file, without folders and without a MIDI extension only', () => {
    const bytes = file((_, notes) => note(notes, 0, 60, 480));
    expect(readMidi(bytes, 'songs/folk/My Tune.MID').name).toBe('My Tune');
    expect(readMidi(bytes, 'C:\\data\\reel.midi').name).toBe('reel');
    expect(readMidi(bytes, 'tune.mid.txt').name).toBe('tune.mid.txt');
    expect(readMidi(bytes).name).toBe('');
  });

  it('gives a track without notes the channel its own events use', () => {
    const conductor = new TrackEncoder();
    const silent = new TrackEncoder();
    silent.channel(0, 0xc5, 40); // program change on channel 6
    const played = new TrackEncoder();
    note(played, 0, 60, 480, 3);
    const song = readMidi(encodeSmf(1, 480, [conductor.finish(), silent.finish(), played.finish()]));
    expect(song.tracks.map((t) => [t.channel, t.notes.length])).toEqual([
      [5, 0],
      [3, 1],
    ]);
  });

  it('names the file in the one line it throws, and only then', () => {
    const broken = Uint8Array.from([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 1, 1, 0xe0, 0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, 4, 0x00, 0x80, 0x3c]);
    for (const [name, expected] of [['broken.mid', 'broken.mid'], [undefined, undefined]] as const) {
      let caught: unknown;
      try {
        readMidi(broken, name);
      } catch (error) {
        caught = error;
      }
      expect(isAleaError(caught)).toBe(true);
      if (isAleaError(caught)) {
        expect(caught.kind).toBe('bad-input');
        expect(caught.file).toBe(expected);
        expect(caught.message.split('\n')).toHaveLength(1);
      }
    }
  });
});

describe('bpmFromMicroseconds', () => {
  it('uses up to three decimals where fast tempos need them', () => {
    // 250 001 µs per quarter: 239.99904 bpm, and 239.999 is the shortest bpm that stores the same
    expect(bpmFromMicroseconds(250_001)).toBe(239.999);
    expect(bpmFromMicroseconds(500_000)).toBe(120);
  });
});
