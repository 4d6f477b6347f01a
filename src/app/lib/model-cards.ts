import { parseModelIndex, type ModelIndexEntry } from '../../plugins/model-index.ts';

/** A model the app can use: its folder name under models/ and its card's summary (models/index.json). */
export type InstalledModel = ModelIndexEntry;

type FetchLike = (url: string) => Promise<Pick<Response, 'ok' | 'text'>>;

/** Where the app finds the list of installed models (written by `alea models index`). */
export const MODEL_INDEX_URL = '/models/index.json';

/**
 * The installed models from models/index.json, those `pluginId` can run when given, in the
 * index's order. No index (nothing installed, or an old checkout) lists none; a broken index
 * is an error naming the file, since `alea models index` would have written a valid one.
 */
export async function listInstalledModels(pluginId?: string, fetchFn: FetchLike = (url) => fetch(url)): Promise<InstalledModel[]> {
  let text: string;
  try {
    const response = await fetchFn(MODEL_INDEX_URL);
    if (!response.ok) return [];
    text = await response.text();
  } catch {
    return []; // unreachable: nothing installed
  }
  // A dev server answers unknown paths with the app's HTML: that is no index either.
  if (text.trimStart().startsWith('<')) return [];
  const { models } = parseModelIndex(text, 'models/index.json');
  return pluginId === undefined ? models : models.filter((m) => m.plugins.includes(pluginId));
}

const METRIC_LABELS: Record<string, string> = {
  valNll: 'validation loss {v} nats/token',
  valNllPerNote: '{v} per note',
  valNllPerStep: '{v} per step',
};

function compactCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e3) return `${Math.round(n / 1e3)} k`;
  return String(n);
}

/** One line for the panel: validation figures, training length and size. */
export function cardFigures(card: Pick<InstalledModel, 'metrics' | 'steps' | 'parameters'>): string {
  const metrics = Object.entries(METRIC_LABELS)
    .filter(([key]) => Number.isFinite(card.metrics[key]))
    .map(([key, label]) => label.replace('{v}', card.metrics[key].toFixed(2)));
  return [...metrics, `${card.steps} steps`, `${compactCount(card.parameters)} parameters`].join(' · ');
}
