/** Loads a style GAN model folder from disk. */
import { AleaError } from '../../core/errors.ts';
import { loadModelFolder } from '../runtime/model-io-node.ts';
import { StyleRemixer } from './remix.ts';

export async function loadStyleRemixer(dir: string): Promise<StyleRemixer> {
  const loaded = await loadModelFolder(dir);
  try {
    return StyleRemixer.fromLoaded(loaded);
  } catch (error) {
    for (const t of Object.values(loaded.weights)) t.dispose();
    if (error instanceof AleaError) throw new AleaError(error.kind, `${dir}: ${error.message}`);
    throw error;
  }
}
