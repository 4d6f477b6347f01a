/** The style GAN as Remix holds it: the remixer plus its name and weight hash for provenance. */
import type { ModelRef } from '../../../core/provenance.ts';
import { AleaError } from '../../../core/errors.ts';
import { StyleRemixer } from '../../../ml/gan/remix.ts';
import { disposeLoadedModel, type LoadedModel } from '../../../ml/runtime/model-io.ts';
import type { Disposable } from '../../types.ts';
import { REMIX_FAMILY } from './descriptor.ts';

export interface RemixModel extends Disposable {
  remixer: StyleRemixer;
  ref: ModelRef;
}

/** Builds the remixer from a checked folder (module-level, so hosts reuse the model). */
export function buildRemixModel(loaded: LoadedModel): RemixModel {
  try {
    if (loaded.card.family !== REMIX_FAMILY) throw new AleaError('model', `model '${loaded.card.name}' is a ${loaded.card.family} model, not a style GAN`);
    const remixer = StyleRemixer.fromLoaded(loaded);
    return { remixer, ref: { name: loaded.card.name, sha256: loaded.weightsHash }, dispose: () => remixer.dispose() };
  } catch (error) {
    disposeLoadedModel(loaded);
    throw error;
  }
}
