/**
 * Latent Synth (instrument): its state's `data` holds two or four sounds as latents; `createVoice`
 * stands at the pad's point between them and renders a velocity-layered multisample set across
 * the keyboard with the timbre VAE (in the ML worker in the app, in the CLI's process in Node).
 */
import { AleaError, badInput } from '../../../core/errors.ts';
import type { MorphPath } from '../../../ml/vae/latent-math.ts';
import { validateParams } from '../../params.ts';
import type { InstrumentPlugin, InstrumentVoice, ParamValues, PluginContext } from '../../types.ts';
import { buildLatentVoice, type LatentVoiceSettings } from './build-voice.ts';
import { latentSynthDescriptor } from './descriptor.ts';
import { latentPoint, latentSynthDataToJson, parseLatentSynthData, type LatentSynthData } from './sound-data.ts';
import { buildTimbreVae } from './timbre-models.ts';

export interface LatentSynthSettings extends LatentVoiceSettings {
  model: string;
  x: number;
  y: number;
  path: MorphPath;
}

/** Typed view of a validated param record. */
export function latentSynthSettings(params: ParamValues): LatentSynthSettings {
  const p = validateParams(params, latentSynthDescriptor.params);
  const num = (id: string): number => Number(p[id]);
  return {
    model: String(p.model),
    x: num('x'),
    y: num('y'),
    path: p.path === 'spherical' ? 'spherical' : 'linear',
    zones: num('zones'),
    velocityLayers: num('velocityLayers'),
    noteSeconds: num('noteSeconds'),
    attack: num('attack'),
    release: num('release'),
    volume: num('volume'),
    seed: num('seed'),
  };
}

/** The sounds a voice is built from: the context's data, checked. */
function soundsOf(context: PluginContext | undefined): LatentSynthData {
  if (context?.data === undefined) throw badInput('Latent Synth has no sounds yet: give it one, two or four sounds to morph between');
  return parseLatentSynthData(context.data);
}

async function createVoice(params: ParamValues, context?: PluginContext): Promise<InstrumentVoice> {
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

export const latentSynthPlugin: InstrumentPlugin = {
  descriptor: latentSynthDescriptor,
  createVoice,
  parseData: (raw) => latentSynthDataToJson(parseLatentSynthData(raw)),
};
