import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AleaError } from '../core/errors.ts';
import { writeOutputFile } from './file-io.ts';

/**
 * Adds evaluation figures to a model's card.json as `eval.<name>` metrics. The card is not among
 * the files it checks (it holds their sha256), so the model stays loadable.
 */
export async function recordInCard(modelDir: string, figures: Record<string, number>): Promise<void> {
  const path = join(modelDir, 'card.json');
  let card: unknown;
  try {
    card = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new AleaError('model', 'card.json cannot be read as JSON', path);
  }
  if (typeof card !== 'object' || card === null || !('metrics' in card) || typeof card.metrics !== 'object' || card.metrics === null) {
    throw new AleaError('model', 'card.json has no metrics object', path);
  }
  const metrics: Record<string, unknown> = { ...card.metrics };
  for (const [name, value] of Object.entries(figures)) metrics[`eval.${name}`] = value;
  const updated = { ...card, metrics };
  await writeOutputFile(path, new TextEncoder().encode(`${JSON.stringify(updated, null, 2)}\n`));
}
