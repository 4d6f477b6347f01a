/**
 * Latent Synth (instrument): its state's `data` holds two or four sounds as latents; `createVoice`
 * stands at the pad's point between them and renders a velocity-layered multisample set across
 * the keyboard with the timbre VAE (in the ML worker in the app, in the CLI's process in Node).
 * The model code loads on first use (create-voice.ts).
 */
import type { MorphPath } from '../../../ml/vae/latent-math.ts';
import { validateParams } from '../../params.ts';
import type { InstrumentPlugin, ParamValues } from '../../types.ts';
import type { LatentVoiceSettings } from './build-voice.ts';
import { latentSynthDescriptor } from './descriptor.ts';
import { latentSynthDataToJson, parseLatentSynthData } from './sound-data.ts';

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

export const latentSynthPlugin: InstrumentPlugin = {
  descriptor: latentSynthDescriptor,
  // the timbre VAE (tfjs) loads on first voice, so a page that only lists plugins stays light
  createVoice: async (params, context) => (await import('./create-voice.ts')).createVoice(params, context),
  parseData: (raw) => latentSynthDataToJson(parseLatentSynthData(raw)),
};
