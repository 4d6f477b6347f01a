/** Work that must grow linearly with a long input (a 200k-note MIDI file, a 2000-bar seed). */
import * as tmModule from '@tonejs/midi';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readMidi, writeMidi } from '../../../src/core/music/midi-io.ts';
import { parseMidiFile } from '../../../src/core/music/midi-parse.ts';
import type { Song } from '../../../src/core/music/types.ts';
import { initBackend } from '../../../src/ml/runtime/backend-node.ts';
import { continueSong } from '../../../src/ml/transformer/decode/continue-song.ts';
import { TransformerModel } from '../../../src/ml/transformer/model/model.ts';
import { RemiTokenizer } from '../../../src/ml/transformer/tokenizers/remi-tokenizer.ts';
import { scaleSeed, tinyConfig } from '../transformer/helpers.ts';

const { Midi } = (tmModule as typeof tmModule & { default?: typeof tmModule }).default ?? tmModule;

function song(notes: Song['tracks'][number]['notes']): Song {
  return {
    name: 'long', ppq: 96, tempos: [{ tick: 0, bpm: 120 }], timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }], keySignatures: [], texts: [],
    tracks: [{ name: 'Lead', channel: 0, program: 0, isDrum: false, notes }],
  };
}

/** Hand-made track bytes: overlapping notes of one pitch, note-offs before their note-ons, a note-on never ended. */
function trickyFile(): Uint8Array {
  const events = [
    0, 0xff, 0x03, 1, 0x41, // name 'A'
    0, 0x90, 60, 100, 0, 0x90, 60, 90, 10, 0x80, 60, 0, 5, 0x80, 60, 0, // two overlapping C4
    0, 0x80, 62, 0, 5, 0x90, 62, 80, 5, 0x90, 62, 0, // an off before its on; velocity-0 on ends it
    0, 0xc0, 5, 0, 0x91, 64, 70, 20, 0x81, 64, 0, // program change then a second channel
    0, 0x90, 67, 60, // never ended
    0, 0xff, 0x2f, 0,
  ];
  const header = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96];
  return Uint8Array.from([...header, 0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, events.length, ...events]);
}

describe('reading MIDI', () => {
  it('pairs notes exactly as @tonejs/midi does, on tricky files', () => {
    for (const bytes of [trickyFile(), writeMidi(song(Array.from({ length: 300 }, (_, i) => ({ pitch: 60 + (i % 3), velocity: 1 + (i % 127), startTick: i * 7, endTick: i * 7 + 20 }))))]) {
      const library = new Midi(bytes);
      const ours = parseMidiFile(bytes);
      expect(ours.tracks.map((t) => [t.name, t.channel, t.program, t.notes.map((n) => [n.midi, n.velocity, n.ticks, n.durationTicks])])).toEqual(
        library.tracks.map((t) => [t.name, t.channel, t.instrument.number, t.notes.map((n) => [n.midi, n.velocity, n.ticks, n.durationTicks])]),
      );
      expect(ours.header.toJSON()).toEqual(library.header.toJSON());
    }
  });

  it('reads 200,000 notes of one pitch-cycling track (was quadratic: 53 s)', { timeout: 30_000 }, () => {
    const notes = Array.from({ length: 200_000 }, (_, i) => ({ pitch: 48 + ((i * 7) % 36), velocity: 90, startTick: i * 12, endTick: i * 12 + 30 }));
    const read = readMidi(writeMidi(song(notes)));
    expect(read.tracks[0].notes.length).toBe(200_000);
    expect(read.tracks[0].notes[199_999]).toMatchObject({ startTick: 199_999 * 12, endTick: 199_999 * 12 + 30 });
  });
});

describe('continuing a long seed', () => {
  let model: TransformerModel;
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm' });
    model = TransformerModel.create(tinyConfig(), 11);
  });
  afterAll(() => model.dispose());

  it('crops the prompt without trying every bar of the seed (was quadratic: 243 s on 200k notes)', () => {
    const crop = vi.spyOn(RemiTokenizer.prototype, 'cropAt');
    const seed = scaleSeed(2000, 96);
    const [out] = continueSong(model, seed, { bars: 1, seed: 1 });
    expect(out).toBeDefined();
    expect(crop.mock.calls.length).toBeGreaterThan(0);
    expect(crop.mock.calls.length).toBeLessThan(10);
    crop.mockRestore();
  });

  it('refuses a seed in a meter whose bars it cannot count (13/16 gave about 10.5 bars for --bars 8)', () => {
    const seed = { ...scaleSeed(4, 96), timeSignatures: [{ tick: 0, numerator: 13, denominator: 16 }] };
    expect(() => continueSong(model, seed, { bars: 8, seed: 1 })).toThrow(/13\/16/);
    const twelveSixteen = { ...scaleSeed(4, 96), timeSignatures: [{ tick: 0, numerator: 12, denominator: 16 }] };
    expect(continueSong(model, twelveSixteen, { bars: 1, seed: 1 })).toHaveLength(1);
  });

  it('reads a one-beat placeholder meter (1/4, as POP909 writes) as 4/4, and says 4/4 in the continuation', () => {
    const seed = { ...scaleSeed(4, 96), timeSignatures: [{ tick: 0, numerator: 1, denominator: 4 }] };
    const [out] = continueSong(model, seed, { bars: 2, seed: 1 });
    expect(out.timeSignatures).toEqual([{ tick: 0, numerator: 4, denominator: 4 }]);
    for (const n of out.tracks.flatMap((t) => t.notes)) expect(n.startTick).toBeLessThan(2 * 4 * seed.ppq);
  });
});
