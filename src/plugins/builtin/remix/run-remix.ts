/**
 * Remix's compute: loads the style GAN and streams through it. Loaded on first use by plugin.ts,
 * so hosts that only list plugins never load tfjs.
 */
import { AleaError } from '../../../core/errors.ts';
import type { AudioProcessor, AudioProcessorSetup, ModelResolver, ParamValues } from '../../types.ts';
import { remixSettings } from './plugin.ts';
import { RemixProcessor } from './processor.ts';
import { buildRemixModel } from './remix-model.ts';

function modelsOf(models: ModelResolver | undefined): ModelResolver {
  if (models === undefined) throw new AleaError('failure', 'Remix needs a host that loads models (the ML worker or the CLI)');
  return models;
}

export async function createProcessor(params: ParamValues, setup: AudioProcessorSetup): Promise<AudioProcessor> {
  const settings = remixSettings(params);
  setup.signal?.throwIfAborted();
  setup.onProgress?.({ done: 0, total: 1, message: `Loading ${settings.model}` });
  const { remixer, ref } = await modelsOf(setup.models).load(settings.model, buildRemixModel);
  const stream = remixer.stream(remixer.styleIndex(settings.style), { strength: 1, griffinLimIterations: settings.refine, signal: setup.signal });
  return new RemixProcessor({
    sampleRate: setup.sampleRate,
    channelCount: setup.channelCount,
    modelRate: remixer.config.sampleRate,
    stream,
    strength: settings.strength,
    from: settings.from,
    to: settings.to,
    model: ref,
  });
}

/** The styles the model plays, in its order. */
export async function listChoices(paramId: string, params: ParamValues, models: ModelResolver): Promise<string[]> {
  if (paramId !== 'style') return [];
  const { remixer } = await models.load(remixSettings(params).model, buildRemixModel);
  return remixer.styleNames;
}
