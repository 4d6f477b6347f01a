/**
 * The ML worker's fine-tune job: a Continue model (shipped or the user's own) trained a few
 * hundred steps on MIDI files the user picked, then saved as a model folder in the browser's
 * storage under the name the user gave, with a card saying where it came from (base model and
 * its weight hash, files, steps, losses, date). Kept apart from the worker's message loop so
 * tests run it in Node on the wasm or cpu backend.
 */
import { AleaError, badInput } from '../../core/errors.ts';
import { disposeLoadedModel, encodeModelFolderArrays, type LoadedModel } from '../../ml/runtime/model-io.ts';
import { FINE_TUNE_DEFAULTS, fineTuneTransformer, parameterCount, parseTransformerConfig, tokenizeMidiFiles } from '../../ml/transformer/index.ts';
import { indexEntry } from '../../plugins/model-index.ts';
import type { PluginRegistry } from '../../plugins/registry.ts';
import { FINE_TUNE_SETTINGS } from '../lib/fine-tune-settings.ts';
import { userModelName, userModelRef, type UserModelStore } from '../lib/user-models.ts';
import type { FineTuneRequest, FineTuneResultReply, TrainingPoint } from './protocol.ts';

export interface FineTuneContext {
  /** loads a model folder by ref (a shipped name or `user:<name>`); the caller disposes its tensors */
  loadModel(ref: string): Promise<LoadedModel>;
  store: UserModelStore;
  registry: PluginRegistry;
  signal?: AbortSignal;
  onProgress?: (point: TrainingPoint) => void;
  /** the clock, for the card's date */
  now?: () => Date;
}

function checkRequest(request: Omit<FineTuneRequest, 'kind' | 'id'>): string {
  const ref = userModelRef(request.saveAs);
  for (const [key, label] of [['steps', 'steps'], ['batchSize', 'batch']] as const) {
    const { min, max } = FINE_TUNE_SETTINGS[key];
    const value = request[key];
    if (!Number.isInteger(value) || value < min || value > max) throw badInput(`${label} must be a whole number from ${min} to ${max}, not ${value}`);
  }
  return ref;
}

export async function runFineTuneJob(request: Omit<FineTuneRequest, 'kind' | 'id'>, context: FineTuneContext): Promise<Omit<FineTuneResultReply, 'kind' | 'id'>> {
  const ref = checkRequest(request);
  const base = await context.loadModel(request.base);
  try {
    if (base.card.family !== 'transformer') {
      throw new AleaError('model', `model '${userModelName(request.base)}' is a ${base.card.family} model, not a Continue model`);
    }
    const config = parseTransformerConfig(base.config);
    // every file is read before any training: a bad one is refused at once, by name
    const pieces = tokenizeMidiFiles(request.files, config);
    context.signal?.throwIfAborted();
    const result = await fineTuneTransformer(config, base.weights, pieces, {
      steps: request.steps,
      batchSize: request.batchSize,
      learningRate: request.learningRate ?? FINE_TUNE_DEFAULTS.learningRate,
      seed: request.seed ?? FINE_TUNE_DEFAULTS.seed,
      holdOut: request.holdOut,
      signal: context.signal,
      onProgress: (p) => context.onProgress?.(p),
      // training computes synchronously: yield to the event loop each step, so a cancel is read
      pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
    });
    context.signal?.throwIfAborted();
    if (result.stopped) throw new DOMException('The fine-tune was cancelled.', 'AbortError');
    const { backend } = result;
    const name = userModelName(ref);
    const date = (context.now ?? (() => new Date()))().toISOString();
    const tokens = pieces.reduce((n, p) => n + p.ids.length, 0);
    const encoded = await encodeModelFolderArrays({
      weights: result.weights,
      config,
      card: {
        name,
        family: 'transformer',
        description: `Fine-tuned from ${userModelName(request.base)} on ${pieces.length} of your MIDI file${pieces.length === 1 ? '' : 's'}.`,
        trainedOn: `your files ${result.trainFiles.join(', ')} (${tokens} tokens), starting from ${userModelName(request.base)} (weights ${base.weightsHash})`,
        steps: base.card.steps + result.steps,
        trainingTimeSeconds: base.card.trainingTimeSeconds + Math.round(result.seconds),
        parameters: parameterCount(config),
        metrics: { finalTrainLoss: result.finalLoss, ...(result.valLoss === null ? {} : { valNll: result.valLoss }) },
        createdWith: 'Alea fine-tune (browser)',
        recipe: {
          baseModel: userModelName(request.base),
          baseWeightsHash: base.weightsHash,
          files: pieces.map((p) => p.name).join(', '),
          heldOut: result.heldOutFiles.join(', '),
          fineTuneSteps: result.steps,
          batchSize: request.batchSize,
          peakLearningRate: request.learningRate ?? FINE_TUNE_DEFAULTS.learningRate,
          seed: request.seed ?? FINE_TUNE_DEFAULTS.seed,
          backend,
          date,
        },
      },
    });
    const entry = indexEntry(ref, encoded.card, encoded.weightsHash, context.registry, config);
    await context.store.save({ entry, savedAt: Date.parse(date) }, encoded.files);
    return {
      model: entry,
      backend,
      steps: result.steps,
      finalLoss: result.finalLoss,
      valLoss: result.valLoss,
      stepsPerSecond: result.stepsPerSecond,
      seconds: result.seconds,
    };
  } finally {
    disposeLoadedModel(base);
  }
}
