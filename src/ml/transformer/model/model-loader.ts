import * as tf from '@tensorflow/tfjs';
import { AleaError } from '../../../core/errors.ts';
import type { LoadedModel } from '../../runtime/model-io.ts';
import { parseTransformerConfig } from './config.ts';
import { TransformerModel } from './model.ts';

/** A Continue model from a loaded model folder (Node: loadModelFolder; browser: loadModelFromUrl). Disposes the loaded tensors. */
export function transformerFromLoaded(loaded: LoadedModel): TransformerModel {
  try {
    if (loaded.card.family !== 'transformer') throw new AleaError('model', `this is a '${loaded.card.family}' model, not a Continue (transformer) model`);
    return TransformerModel.fromWeights(parseTransformerConfig(loaded.config), loaded.weights);
  } finally {
    tf.dispose(Object.values(loaded.weights));
  }
}
