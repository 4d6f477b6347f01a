import { loadModelFolder } from '../../runtime/model-io-node.ts';
import { transformerFromLoaded } from './model-loader.ts';
import type { TransformerModel } from './model.ts';

/** Loads a Continue model folder from disk (sha256-checked by the runtime). */
export async function loadTransformer(dir: string): Promise<{ model: TransformerModel; weightsHash: string }> {
  const loaded = await loadModelFolder(dir);
  return { model: transformerFromLoaded(loaded), weightsHash: loaded.weightsHash };
}
