/** Generate from nothing: an empty song in the asked meter, tempo and key, continued by each shipped model. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AleaError } from '../../../src/core/errors.ts';
import { allowedPitchClasses } from '../../../src/ml/transformer/decode/constraints.ts';
import type { Song } from '../../../src/core/music/types.ts';
import { initBackend } from '../../../src/ml/runtime/backend-node.ts';
import { loadModelFolder } from '../../../src/ml/runtime/model-io-node.ts';
import { ContinueModel, emptySeed, generateContinuations, parseMeter } from '../../../src/plugins/builtin/continue/index.ts';

const root = join(import.meta.dirname, '../../..');
const load = async (name: string): Promise<ContinueModel> => ContinueModel.fromLoaded(await loadModelFolder(join(root, 'models', name)));
const notes = (song: Song) => song.tracks.flatMap((t) => t.notes);
const fromNothing = { fromNothing: true, meter: '3/4', tempo: 96, key: 'D:minor', bars: 4, seed: 3 };

describe('Continue from nothing', () => {
  const models: ContinueModel[] = [];
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm' });
    for (const name of ['melody-pop909', 'folk-nottingham', 'chorale-jsb']) models.push(await load(name));
  });
  afterAll(() => models.forEach((m) => m.dispose()));

  it('writes the asked bars in the asked meter and tempo, every note in the key, for every shipped Continue model', async () => {
    const barTicks = 3 * 480;
    const scale = allowedPitchClasses({ tonic: 2, mode: 'minor' });
    for (const model of models) {
      const { variations, continuationStartTick } = await generateContinuations(model, emptySeed({ meter: '4/4', bpm: 120, key: 'off' }), fromNothing);
      const [song] = variations;
      expect(continuationStartTick).toBe(0);
      expect(song.timeSignatures).toEqual([{ tick: 0, numerator: 3, denominator: 4 }]);
      expect(song.tempos).toEqual([{ tick: 0, bpm: 96 }]);
      expect(notes(song).length, model.name).toBeGreaterThan(0);
      for (const n of notes(song)) {
        expect(n.startTick).toBeLessThan(4 * barTicks);
        expect(scale.has(n.pitch % 12), `${model.name} pitch ${n.pitch}`).toBe(true);
      }
    }
  });

  it('a melody model writes one melody track; the same seed writes the same notes, another seed others', async () => {
    const [melody] = models;
    const empty = emptySeed({ meter: '4/4', bpm: 120, key: 'off' });
    const a = await generateContinuations(melody, empty, fromNothing);
    const b = await generateContinuations(melody, empty, fromNothing);
    const c = await generateContinuations(melody, empty, { ...fromNothing, seed: 4 });
    expect(a.variations[0].tracks).toHaveLength(1);
    expect(a.variations).toEqual(b.variations);
    expect(JSON.stringify(c.variations)).not.toBe(JSON.stringify(a.variations));
    expect(a.provenance[0].params).toMatchObject({ fromNothing: true, meter: '3/4', tempo: 96, key: 'D:minor' });
  });

  it('a song from nothing opens with music: the melody model writes a note in bar 1 whatever the seed', async () => {
    const empty = emptySeed({ meter: '4/4', bpm: 120, key: 'off' });
    for (let seed = 1; seed <= 6; seed++) {
      const { variations } = await generateContinuations(models[0], empty, { ...fromNothing, seed, bars: 2 });
      expect(Math.min(...notes(variations[0]).map((n) => n.startTick)), `seed ${seed}`).toBeLessThan(3 * 480);
    }
  });

  it('without fromNothing an empty song is still refused', async () => {
    await expect(generateContinuations(models[0], emptySeed({ meter: '4/4', bpm: 120, key: 'off' }), { bars: 2 })).rejects.toThrow(/no notes/);
  });

  it('a meter or tempo Continue cannot write is a usage error naming it', () => {
    expect(parseMeter(' 6/8 ')).toEqual([6, 8]);
    expect(() => parseMeter('13/16')).toThrow(/meter '13\/16'/);
    expect(() => emptySeed({ meter: '4/4', bpm: 1000, key: 'off' })).toThrow(AleaError);
    expect(() => emptySeed({ meter: '4/4', bpm: 100, key: 'H:major' })).toThrow(/not a key/);
  });
});
