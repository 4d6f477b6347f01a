import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Song } from '../../../src/core/music/types.ts';
import { continueSong } from '../../../src/ml/transformer/decode/continue-song.ts';
import { seedRegister } from '../../../src/ml/transformer/decode/register.ts';
import { registerFigures } from '../../../src/ml/transformer/eval/evaluate.ts';
import { TransformerModel } from '../../../src/ml/transformer/model/model.ts';
import { scaleSeed, tinyConfig } from './helpers.ts';

const BAR = 4 * 480;

describe('the register a continuation keeps to', () => {
  it('is each part’s range over the last 8 bars before the continuation, widened by the margin', () => {
    const seed = scaleSeed(12);
    // an early low note, more than 8 bars before the end, does not count
    seed.tracks[0].notes.unshift({ pitch: 40, velocity: 90, startTick: 0, endTick: 100 });
    const bass = { name: 'Bass', channel: 1, program: 33, isDrum: false, notes: [{ pitch: 36, velocity: 90, startTick: 11 * BAR, endTick: 12 * BAR }] };
    const song: Song = { ...seed, tracks: [seed.tracks[0], bass] };
    const register = seedRegister(song, 'all', 12 * BAR, BAR, 3);
    expect(register?.all).toEqual([33, 75]);
    expect([...(register?.byRole ?? new Map()).values()].sort((a, b) => a[0] - b[0])).toEqual([[33, 39], [57, 75]]);
    expect(seedRegister(song, 'all', 12 * BAR, BAR, 0)?.all).toEqual([36, 72]);
    expect(seedRegister({ ...song, tracks: [] }, 'all', 12 * BAR, BAR, 3)).toBeUndefined();
  });

  describe('in the sampler', () => {
    let model: TransformerModel;
    beforeAll(() => {
      model = TransformerModel.create(tinyConfig(), 3);
    });
    afterAll(() => model.dispose());

    it('keeps every new note within the margin of the seed’s range; free, an untrained model strays', () => {
      const seed = scaleSeed(4);
      const kept = continueSong(model, seed, { bars: 4, seed: 1, variations: 4, registerMargin: 2 });
      const pitches = kept.flatMap((s) => s.tracks.flatMap((t) => t.notes.map((n) => n.pitch)));
      expect(pitches.length).toBeGreaterThan(0);
      for (const p of pitches) expect(p >= 58 && p <= 74).toBe(true);
      const free = continueSong(model, seed, { bars: 4, seed: 1, variations: 4 }).flatMap((s) => s.tracks.flatMap((t) => t.notes.map((n) => n.pitch)));
      expect(free.some((p) => p < 58 || p > 74)).toBe(true);
    });
  });

  it('register distance: how far a continuation’s mean pitch moves from its seed’s', () => {
    const at = (pitch: number): Song => ({ ...scaleSeed(1), tracks: [{ ...scaleSeed(1).tracks[0], notes: [{ pitch, velocity: 80, startTick: 0, endTick: 480 }] }] });
    const figures = registerFigures([at(60), at(70)], [at(64), at(70)], [at(61), at(68)]);
    expect(figures.registerDistance).toBe(2);
    expect(figures.registerDistanceReal).toBe(1.5);
  });
});
