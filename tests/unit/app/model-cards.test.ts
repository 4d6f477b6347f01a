import { describe, expect, it } from 'vitest';
import { cardFigures, listInstalledModels } from '../../../src/app/lib/model-cards.ts';
import { modelIndexToJson, type ModelIndexEntry } from '../../../src/plugins/model-index.ts';

const card = {
  metrics: { valNll: 1.2345, valNllPerStep: 3.21, valTokens: 6144, finalTrainLoss: 1.1 },
  steps: 250,
  parameters: 812_345,
};

const entry = (name: string, plugins: string[]): ModelIndexEntry => ({
  name,
  family: 'transformer',
  plugins,
  description: `${name} model`,
  trainedOn: 'JSB chorales',
  ...card,
  weightsHash: 'abcdef012345',
});

/** A site with only the given files; like Vite's dev server, it may answer unknown paths with the app's HTML. */
function site(files: Record<string, string>, spaFallback = false) {
  const requested: string[] = [];
  const fetchFn = async (url: string) => {
    requested.push(url);
    const body = files[url];
    if (body !== undefined) return { ok: true, text: async () => body };
    return spaFallback ? { ok: true, text: async () => '<!doctype html><html></html>' } : { ok: false, text: async () => 'not found' };
  };
  return { fetchFn, requested };
}

describe('listInstalledModels', () => {
  const index = modelIndexToJson([entry('melody-pop909', ['continue']), entry('timbre-vae', ['latent-synth']), entry('chorale-jsb', ['continue'])]);

  it('reads models/index.json once and lists the models a plugin runs, by name', async () => {
    const { fetchFn, requested } = site({ '/models/index.json': index });
    const models = await listInstalledModels('continue', fetchFn);
    expect(models.map((m) => m.name)).toEqual(['chorale-jsb', 'melody-pop909']);
    expect(models[0].description).toBe('chorale-jsb model');
    expect(requested).toEqual(['/models/index.json']);
    expect((await listInstalledModels(undefined, fetchFn)).map((m) => m.name)).toEqual(['chorale-jsb', 'melody-pop909', 'timbre-vae']);
  });

  it('lists nothing when there is no index (a 404 or a dev server\'s HTML page)', async () => {
    expect(await listInstalledModels('continue', site({}).fetchFn)).toEqual([]);
    expect(await listInstalledModels('continue', site({}, true).fetchFn)).toEqual([]);
  });

  it('names the file when the index is broken', async () => {
    await expect(listInstalledModels('continue', site({ '/models/index.json': '{"models": 3}' }).fetchFn)).rejects.toMatchObject({ file: 'models/index.json' });
  });

  it('treats a failed request as nothing installed', async () => {
    const models = await listInstalledModels('continue', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(models).toEqual([]);
  });
});

describe('cardFigures', () => {
  it('shows validation figures, training steps and size', () => {
    expect(cardFigures(card)).toBe('validation loss 1.23 nats/token · 3.21 per step · 250 steps · 812 k parameters');
  });

  it('leaves out figures a card does not have', () => {
    expect(cardFigures({ ...card, metrics: {}, parameters: 2_500_000 })).toBe('250 steps · 2.5 M parameters');
  });
});
