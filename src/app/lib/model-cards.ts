import { ModelCardSchema, type ModelCard } from '../../ml/runtime/model-card.ts';

/** A model folder the app can use: its name under models/ and what its card says. */
export interface InstalledModel {
  name: string;
  card: ModelCard;
}

type FetchLike = (url: string) => Promise<Pick<Response, 'ok' | 'text'>>;

/**
 * The models among `names` whose folder is installed, in the order given: a folder counts when
 * `/models/<name>/card.json` is there and reads as a model card. A dev server answers unknown
 * paths with the app's HTML, so the card is parsed, not just fetched.
 */
export async function listInstalledModels(names: readonly string[], fetchFn: FetchLike = (url) => fetch(url)): Promise<InstalledModel[]> {
  const found = await Promise.all(
    names.map(async (name): Promise<InstalledModel | null> => {
      try {
        const response = await fetchFn(`/models/${encodeURIComponent(name)}/card.json`);
        if (!response.ok) return null;
        const parsed = ModelCardSchema.safeParse(JSON.parse(await response.text()));
        return parsed.success ? { name, card: parsed.data } : null;
      } catch {
        return null; // unreachable or not JSON: not installed
      }
    }),
  );
  return found.filter((model): model is InstalledModel => model !== null);
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
export function cardFigures(card: ModelCard): string {
  const metrics = Object.entries(METRIC_LABELS)
    .filter(([key]) => Number.isFinite(card.metrics[key]))
    .map(([key, label]) => label.replace('{v}', card.metrics[key].toFixed(2)));
  return [...metrics, `${card.steps} steps`, `${compactCount(card.parameters)} parameters`].join(' · ');
}
