/**
 * Browsers: the Basic Pitch model from URLs the app serves itself. Vite's `?url` imports copy the
 * package's two model files into the build (hashed names, so the weight file is fetched by its
 * own URL rather than by the name model.json gives); nothing is fetched from another origin.
 */
import modelJsonUrl from '@spotify/basic-pitch/model/model.json?url';
import weightsUrl from '@spotify/basic-pitch/model/group1-shard1of1.bin?url';
import type * as tf from '@tensorflow/tfjs';
import { AleaError } from '../../core/errors.ts';
import { loadBasicPitch, MODEL_FILES } from './model.ts';
import { AudioTranscriber } from './transcriber.ts';

const URLS: Record<string, string> = { [MODEL_FILES.json]: modelJsonUrl, [MODEL_FILES.weights]: weightsUrl };

/** `base` resolves the URLs (a worker's own location; defaults to the global location). */
export async function loadBasicPitchBrowser(base: string = globalThis.location.href): Promise<tf.GraphModel> {
  return loadBasicPitch(async (name) => {
    const url = new URL(URLS[name] ?? name, base);
    const response = await fetch(url);
    if (!response.ok) throw new AleaError('model', `could not fetch the Basic Pitch model's ${name} (HTTP ${response.status})`);
    return new Uint8Array(await response.arrayBuffer());
  });
}

export async function loadTranscriberBrowser(base?: string): Promise<AudioTranscriber> {
  return new AudioTranscriber(await loadBasicPitchBrowser(base));
}
