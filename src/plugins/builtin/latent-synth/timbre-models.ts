/**
 * The models Latent Synth runs, built from checked model folders, and what the faces do with
 * them besides playing: encode a user's sound, score how typical a latent is, draw new ones.
 */
import type { AudioData } from '../../../core/audio/audio-data.ts';
import { AleaError } from '../../../core/errors.ts';
import { FlowPrior, type Typicality } from '../../../ml/flow/flow-prior.ts';
import { disposeLoadedModel, type LoadedModel } from '../../../ml/runtime/model-io.ts';
import { TimbreVae } from '../../../ml/vae/timbre-vae.ts';
import { encodeSound as encodeVaeSound } from '../../../ml/vae/encode-sound.ts';
import type { LatentSound } from './sound-data.ts';

export type { Typicality } from '../../../ml/flow/flow-prior.ts';

/** Builds a timbre VAE from a checked folder (module-level, so hosts reuse the model). */
export function buildTimbreVae(loaded: LoadedModel): TimbreVae {
  try {
    if (loaded.card.family !== 'vae') throw new AleaError('model', `model '${loaded.card.name}' is a ${loaded.card.family} model, not a timbre VAE`);
    return TimbreVae.fromLoaded(loaded);
  } catch (error) {
    disposeLoadedModel(loaded);
    throw error;
  }
}

/** Builds a flow prior from a checked folder (module-level, so hosts reuse the model). */
export function buildFlowPrior(loaded: LoadedModel): FlowPrior {
  try {
    if (loaded.card.family !== 'flow') throw new AleaError('model', `model '${loaded.card.name}' is a ${loaded.card.family} model, not a flow prior`);
    return FlowPrior.fromLoaded(loaded.config, loaded.weights, loaded.weightsHash);
  } catch (error) {
    disposeLoadedModel(loaded);
    throw error;
  }
}

export interface EncodedSound {
  sound: LatentSound;
  /** the front end's notes for the user (no clear pitch, clipped, very short…) */
  warnings: string[];
}

/** A user's sound (any rate, length, channels) → a named sound of the plugin's state (ml/vae's front end + encoder). */
export function encodeSound(vae: TimbreVae, audio: AudioData, name: string): EncodedSound {
  const encoded = encodeVaeSound(vae, audio, name);
  const sound: LatentSound = { name, latent: Array.from(encoded.latent) };
  if (encoded.pitch !== null) sound.pitch = encoded.pitch;
  return { sound, warnings: encoded.warnings };
}

/** True when the flow learned this very VAE's latents (its config names the VAE's weight hash). */
export function flowFitsVae(flow: FlowPrior, vae: TimbreVae): boolean {
  return flow.config.vae.weightsHash === vae.weightsHash && flow.config.dim === vae.latentDim;
}

/** How typical each latent is for the training sounds. @throws AleaError when sizes differ */
export function typicalityOf(flow: FlowPrior, latents: readonly (readonly number[])[]): Typicality[] {
  return latents.map((z) => flow.typicality(Float32Array.from(z)));
}
