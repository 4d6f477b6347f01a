/** Loads a timbre VAE model folder from disk, and encodes whole note sets with it. */
import { AleaError } from '../../core/errors.ts';
import { disposeLoadedModel } from '../runtime/model-io.ts';
import { loadModelFolder } from '../runtime/model-io-node.ts';
import { noteSamples } from '../../core/soundfont/note-set.ts';
import { resampleChannel } from '../../core/audio/resample.ts';
import type { LoadedNoteSet } from './note-set-node.ts';
import { TimbreVae } from './timbre-vae.ts';

export async function loadTimbreVae(dir: string): Promise<TimbreVae> {
  const loaded = await loadModelFolder(dir);
  try {
    return TimbreVae.fromLoaded(loaded);
  } catch (error) {
    disposeLoadedModel(loaded);
    if (error instanceof AleaError) throw new AleaError(error.kind, `${dir}: ${error.message}`);
    throw error;
  }
}

/** Posterior means of notes `indices` of a note set (all by default), row-major [count, latentDim]. */
export function encodeNoteSet(vae: TimbreVae, set: LoadedNoteSet, indices?: number[], onProgress?: (done: number, total: number) => void): Float32Array {
  const picks = indices ?? set.manifest.notes.map((_, i) => i);
  const d = vae.latentDim;
  const out = new Float32Array(picks.length * d);
  const batch = 128;
  for (let from = 0; from < picks.length; from += batch) {
    const chunk = picks.slice(from, from + batch).map((i) => ({ samples: noteAtRate(set, i, vae.config.sampleRate), pitch: set.manifest.notes[i].pitch }));
    vae.encodeMany(chunk).forEach((e, k) => out.set(e.mu, (from + k) * d));
    onProgress?.(Math.min(from + batch, picks.length), picks.length);
  }
  return out;
}

/** Note i of a set at `rate` Hz. */
export function noteAtRate(set: LoadedNoteSet, index: number, rate: number): Float32Array {
  const samples = noteSamples(set.pcm, set.manifest, index);
  return set.manifest.sampleRate === rate ? samples : resampleChannel(samples, set.manifest.sampleRate, rate);
}
