import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../ml/runtime/backend-node.ts';
import { loadModelFolder } from '../../ml/runtime/model-io-node.ts';
import type { InfoReport } from './info-report.ts';

/** Loads a model folder (checking every sha256 in its card) and reports what the card says. */
export async function describeModelFolder(dir: string): Promise<InfoReport> {
  await initBackend();
  const model = await loadModelFolder(dir);
  try {
    const { card } = model;
    const summary: Record<string, string | number | boolean> = {
      name: card.name,
      family: card.family,
      description: card.description,
      trainedOn: card.trainedOn,
      steps: card.steps,
      parameters: card.parameters,
      trainingMinutes: Math.round(card.trainingTimeSeconds / 6) / 10,
      weightsHash: model.weightsHash,
      filesVerified: Object.keys(card.files).length,
    };
    for (const [metric, value] of Object.entries(card.metrics)) summary[metric] = value;
    return { kind: 'model', file: dir, summary };
  } finally {
    tf.dispose(Object.values(model.weights));
  }
}
