import { AleaError } from '../../../core/errors.ts';
import type { ModelCard } from '../../../ml/runtime/model-card.ts';
import { disposeLoadedModel, loadModelFromUrl, type LoadedModel } from '../../../ml/runtime/model-io.ts';
import { parseTransformerConfig, TransformerModel } from '../../../ml/transformer/index.ts';

/** A loaded Continue model: the transformer plus what provenance needs (name, weight hash). */
export class ContinueModel {
  readonly name: string;
  readonly card: ModelCard;
  readonly weightsHash: string;
  readonly transformer: TransformerModel;

  private constructor(name: string, card: ModelCard, weightsHash: string, transformer: TransformerModel) {
    this.name = name;
    this.card = card;
    this.weightsHash = weightsHash;
    this.transformer = transformer;
  }

  /** Builds the model from a checked model folder; the folder's tensors are disposed here. */
  static fromLoaded(loaded: LoadedModel): ContinueModel {
    try {
      if (loaded.card.family !== 'transformer') {
        throw new AleaError('model', `model '${loaded.card.name}' is a ${loaded.card.family} model, not a Continue (transformer) model`);
      }
      const config = parseTransformerConfig(loaded.config);
      const transformer = TransformerModel.fromWeights(config, loaded.weights);
      return new ContinueModel(loaded.card.name, loaded.card, loaded.weightsHash, transformer);
    } finally {
      disposeLoadedModel(loaded);
    }
  }

  dispose(): void {
    this.transformer.dispose();
  }
}

/** Loads a Continue model folder served at `baseUrl` (the workstation serves `/models/<name>/`). */
export async function loadContinueModelFromUrl(baseUrl: string, fetchFn: typeof fetch = fetch): Promise<ContinueModel> {
  return ContinueModel.fromLoaded(await loadModelFromUrl(baseUrl, fetchFn));
}
