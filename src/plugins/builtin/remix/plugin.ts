/**
 * Remix (audio effect): the style GAN plays the track in another instrument style. The model
 * comes from the host (`context.models`), is kept and disposed by it; the processor streams.
 */
import { AleaError } from '../../../core/errors.ts';
import { validateParams } from '../../params.ts';
import type { AudioEffectPlugin, AudioProcessor, AudioProcessorSetup, ModelResolver, ParamValues } from '../../types.ts';
import { RANGE_TO_END, remixDescriptor } from './descriptor.ts';
import { RemixProcessor } from './processor.ts';
import { buildRemixModel } from './remix-model.ts';

export interface RemixSettings {
  model: string;
  style: string;
  strength: number;
  /** seconds */
  from: number;
  /** seconds; Infinity = the end of the track */
  to: number;
  refine: number;
}

/** Typed view of a validated param record. @throws AleaError 'usage' when the range is empty */
export function remixSettings(params: ParamValues): RemixSettings {
  const p = validateParams(params, remixDescriptor.params);
  const from = Number(p.from);
  const to = Number(p.to) === RANGE_TO_END ? Infinity : Number(p.to);
  if (!(to > from)) throw new AleaError('usage', `the remix range ends (${to} s) before it starts (${from} s)`);
  return { model: String(p.model), style: String(p.style), strength: Number(p.strength), from, to, refine: Number(p.refine) };
}

function modelsOf(models: ModelResolver | undefined): ModelResolver {
  if (models === undefined) throw new AleaError('failure', 'Remix needs a host that loads models (the ML worker or the CLI)');
  return models;
}

async function createProcessor(params: ParamValues, setup: AudioProcessorSetup): Promise<AudioProcessor> {
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
async function listChoices(paramId: string, params: ParamValues, models: ModelResolver): Promise<string[]> {
  if (paramId !== 'style') return [];
  const { remixer } = await models.load(remixSettings(params).model, buildRemixModel);
  return remixer.styleNames;
}

export const remixPlugin: AudioEffectPlugin = {
  descriptor: remixDescriptor,
  createProcessor,
  listChoices,
};
