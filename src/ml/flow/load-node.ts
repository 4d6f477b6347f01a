/** Loads a flow prior folder from disk and checks it belongs to the VAE in use. */
import { AleaError } from '../../core/errors.ts';
import { disposeLoadedModel } from '../runtime/model-io.ts';
import { loadModelFolder } from '../runtime/model-io-node.ts';
import { FlowPrior } from './flow-prior.ts';

export async function loadFlowPrior(dir: string, vae?: { name: string; weightsHash: string }): Promise<FlowPrior> {
  const loaded = await loadModelFolder(dir);
  let prior: FlowPrior;
  try {
    prior = FlowPrior.fromLoaded(loaded.config, loaded.weights, loaded.weightsHash);
  } catch (error) {
    disposeLoadedModel(loaded);
    if (error instanceof AleaError) throw new AleaError(error.kind, `${dir}: ${error.message}`);
    throw error;
  }
  if (vae !== undefined && prior.config.vae.weightsHash !== vae.weightsHash) {
    prior.dispose();
    throw new AleaError('model', `${dir}: this flow prior was trained on ${prior.config.vae.name} ${prior.config.vae.weightsHash}, not on ${vae.name} ${vae.weightsHash}`);
  }
  return prior;
}
