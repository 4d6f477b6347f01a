import { describe, expect, it } from 'vitest';
import { cardFigures, listInstalledModels } from '../../../src/app/lib/model-cards.ts';
import type { ModelCard } from '../../../src/ml/runtime/model-card.ts';

const card: ModelCard = {
  name: 'chorale-jsb',
  family: 'transformer',
  description: 'Continues a four-part chorale.',
  trainedOn: 'JSB chorales',
  steps: 250,
  trainingTimeSeconds: 1200,
  parameters: 812_345,
  metrics: { valNll: 1.2345, valNllPerStep: 3.21, valTokens: 6144, finalTrainLoss: 1.1 },
  files: { 'model.json': 'a'.repeat(64) },
  createdWith: 'alea train transformer',
};

/** A site with only the given files; like Vite's dev server, it answers unknown paths with the app's HTML. */
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
  it('lists only the models whose card is there, in the order asked', async () => {
    const { fetchFn, requested } = site({
      '/models/chorale-jsb/card.json': JSON.stringify(card),
      '/models/melody-pop909/card.json': JSON.stringify({ ...card, name: 'melody-pop909' }),
    });
    const models = await listInstalledModels(['melody-pop909', 'folk-nottingham', 'chorale-jsb'], fetchFn);
    expect(models.map((m) => m.name)).toEqual(['melody-pop909', 'chorale-jsb']);
    expect(models[1].card.description).toBe(card.description);
    expect(requested).toHaveLength(3);
  });

  it('does not mistake an HTML fallback page or a broken card for a model', async () => {
    const { fetchFn } = site({ '/models/folk-nottingham/card.json': '{"name": "folk"}' }, true);
    expect(await listInstalledModels(['chorale-jsb', 'folk-nottingham'], fetchFn)).toEqual([]);
  });

  it('treats a failed request as not installed', async () => {
    const models = await listInstalledModels(['chorale-jsb'], async () => {
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
