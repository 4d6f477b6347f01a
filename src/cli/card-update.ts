import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AleaError } from '../core/errors.ts';
import { ModelCardSchema, parseModelFile } from '../ml/runtime/model-card.ts';
import { writeOutputFile } from './file-io.ts';

/**
 * Adds evaluation figures to a model's card.json as `eval.<name>` metrics. The card is not among
 * the files it checks (it holds their sha256), so the model stays loadable.
 */
export async function recordInCard(modelDir: string, figures: Record<string, number>): Promise<void> {
  const path = join(modelDir, 'card.json');
  // Figures from nothing (no pieces scored, all zeros, not finite) never replace a card's real ones.
  const values = Object.values(figures);
  if (values.length === 0 || figures.valPieces === 0 || values.every((v) => v === 0) || values.some((v) => !Number.isFinite(v))) {
    throw new AleaError('failure', 'no meaningful figures to record (nothing was scored); the card is left as it was', path);
  }
  const text = await readFile(path, 'utf8').catch(() => {
    throw new AleaError('model', 'card.json cannot be read', path);
  });
  const card = parseModelFile(path, text, ModelCardSchema);
  const metrics = { ...card.metrics };
  for (const [name, value] of Object.entries(figures)) metrics[`eval.${name}`] = value;
  await writeOutputFile(path, new TextEncoder().encode(`${JSON.stringify({ ...card, metrics }, null, 2)}\n`));
}
