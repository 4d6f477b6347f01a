import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Song } from '../../../src/core/music/types.ts';
import { infillSong, canInfill } from '../../../src/ml/transformer/decode/infill-song.ts';
import { TransformerModel } from '../../../src/ml/transformer/model/model.ts';
import { DEFAULT_REMI_CONFIG, buildRemiVocab } from '../../../src/ml/transformer/tokenizers/remi-vocab.ts';
import { scaleSeed, tinyConfig } from './helpers.ts';

const INFILL = { ...DEFAULT_REMI_CONFIG, infill: true };

/** Eight bars of a scale on two tracks: a lead and a bass an octave and a half down. */
function twoParts(): Song {
  const seed = scaleSeed(8);
  const lead = seed.tracks[0];
  const bass = { name: 'Bass', channel: 1, program: 33, isDrum: false, notes: lead.notes.filter((_, i) => i % 4 === 0).map((n) => ({ ...n, pitch: n.pitch - 19 })) };
  return { ...seed, tracks: [lead, bass] };
}

const barTicks = 4 * 480;
const notesIn = (song: Song, from: number, to: number) => song.tracks.map((t) => t.notes.filter((n) => n.startTick >= from && n.startTick < to));

describe('infill', () => {
  let model: TransformerModel;
  let plain: TransformerModel;
  beforeAll(() => {
    model = TransformerModel.create(tinyConfig({ vocabSize: buildRemiVocab(INFILL).size, tokenizer: INFILL, trackSelection: 'all', contextLength: 128 }), 5);
    plain = TransformerModel.create(tinyConfig(), 5);
  });
  afterAll(() => {
    model.dispose();
    plain.dispose();
  });

  it('rewrites only bars 3-4: the bars before and after are the song’s own, note for note', () => {
    const song = twoParts();
    const before = tf.memory().numTensors;
    const [out] = infillSong(model, song, { fromBar: 3, toBar: 4, seed: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect(out.tracks.map((t) => t.name)).toEqual(['Lead', 'Bass']);
    expect(notesIn(out, 0, 2 * barTicks)).toEqual(notesIn(song, 0, 2 * barTicks));
    expect(notesIn(out, 4 * barTicks, 8 * barTicks)).toEqual(notesIn(song, 4 * barTicks, 8 * barTicks));
    // nothing written rings past the span's end, nothing from before rings into it
    for (const t of out.tracks) for (const n of t.notes) {
      if (n.startTick >= 2 * barTicks && n.startTick < 4 * barTicks) expect(n.endTick).toBeLessThanOrEqual(4 * barTicks);
      if (n.startTick < 2 * barTicks) expect(n.endTick).toBeLessThanOrEqual(2 * barTicks);
    }
    expect(out.tempos).toEqual(song.tempos);
  });

  it('is reproducible: same song, bars and seed give the same notes; another seed other notes', () => {
    const song = twoParts();
    const a = infillSong(model, song, { fromBar: 2, toBar: 3, seed: 7, variations: 2 });
    const b = infillSong(model, song, { fromBar: 2, toBar: 3, seed: 7, variations: 2 });
    const c = infillSong(model, song, { fromBar: 2, toBar: 3, seed: 8, variations: 2 });
    expect(a).toEqual(b);
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it('fills the last bars of a song too, and keeps to the key asked', () => {
    const song = twoParts();
    const [out] = infillSong(model, song, { fromBar: 7, toBar: 8, seed: 3, key: { tonic: 0, mode: 'major' } });
    for (const n of notesIn(out, 6 * barTicks, 8 * barTicks).flat()) expect([0, 2, 4, 5, 7, 9, 11]).toContain(n.pitch % 12);
  });

  it('says in one line what is wrong: a continue-only model, a reversed or too long range', () => {
    expect(canInfill(model)).toBe(true);
    expect(canInfill(plain)).toBe(false);
    expect(() => infillSong(plain, scaleSeed(4), { fromBar: 1, toBar: 2 })).toThrow(/cannot fill in bars.*arrangement-pop909/);
    expect(() => infillSong(model, twoParts(), { fromBar: 5, toBar: 3 })).toThrow(/range like 5-8/);
    expect(() => infillSong(model, twoParts(), { fromBar: 1, toBar: 20 })).toThrow(/at most 16 bars/);
    expect(() => infillSong(model, { ...twoParts(), tracks: [] }, { fromBar: 1, toBar: 2 })).toThrow(/no notes/);
  });
});
