/** Node: the Basic Pitch model from the installed package's folder on disk (no network). */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { AleaError } from '../../core/errors.ts';
import { loadBasicPitch } from './model.ts';
import { AudioTranscriber } from './transcriber.ts';

/** The folder holding the package's model.json and weights. */
export function basicPitchModelFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@spotify/basic-pitch/package.json')), 'model');
}

export async function loadBasicPitchNode(folder = basicPitchModelFolder()): Promise<tf.GraphModel> {
  return loadBasicPitch(async (name) => {
    try {
      return new Uint8Array(await readFile(join(folder, name)));
    } catch {
      throw new AleaError('model', `the Basic Pitch model file ${join(folder, name)} cannot be read; reinstall the package (npm ci)`);
    }
  });
}

/** A transcriber on the installed model (the caller disposes it). */
export async function loadTranscriberNode(folder?: string): Promise<AudioTranscriber> {
  return new AudioTranscriber(await loadBasicPitchNode(folder));
}
