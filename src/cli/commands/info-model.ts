import { loadModelFolderArrays } from '../../ml/runtime/model-io-node.ts';
import type { InfoReport } from './info-report.ts';

/**
 * Reads a model folder (checking every sha256 in its card) and reports what the card says. The
 * weights stay plain arrays: describing a model needs no tensors and no backend.
 */
export async function describeModelFolder(dir: string): Promise<InfoReport> {
  const model = await loadModelFolderArrays(dir);
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
}
