/**
 * Latent Synth's voice: the timbre VAE renders the pad's point between the sounds. Loaded on
 * first use by plugin.ts, so hosts that only list plugins never load tfjs.
 */
import { AleaError, badInput } from '../../../core/errors.ts';
import type { InstrumentVoice, ParamValues, PluginContext } from '../../types.ts';
import { buildLatentVoice } from './build-voice.ts';
import { latentSynthSettings } from './plugin.ts';
import { latentPoint, parseLatentSynthData, type LatentSynthData } from './sound-data.ts';
import { buildTimbreVae } from './timbre-models.ts';

/** The sounds a voice is built from: the context's data, checked. */
function soundsOf(context: PluginContext | undefined): LatentSynthData {
  if (context?.data === undefined) throw badInput('Latent Synth has no sounds yet: give it one, two or four sounds to morph between');
  return parseLatentSynthData(context.data);
}

export async function createVoice(params: ParamValues, context?: PluginContext): Promise<InstrumentVoice> {
  const settings = latentSynthSettings(params);
  const data = soundsOf(context);
  const models = context?.models;
  if (models === undefined) throw new AleaError('failure', 'Latent Synth needs a host that loads models (the ML worker or the CLI) to build its voice');
  context?.signal?.throwIfAborted();
  context?.onProgress?.({ done: 0, total: 1, message: `Loading ${settings.model}` });
  const vae = await models.load(settings.model, buildTimbreVae);
  const size = data.sounds[0].latent.length;
  if (size !== vae.latentDim) throw badInput(`the sounds' latents have ${size} values but model '${settings.model}' uses ${vae.latentDim}: encode them again with this model`);
  const point = latentPoint(data, settings.x, settings.y, settings.path);
  return buildLatentVoice(vae, point, settings, context);
}
