/**
 * Audio → notes with Basic Pitch. Holds the loaded graph model; `dispose()` frees it. Every call
 * leaves the tensor count as it found it.
 */
import type * as tf from '@tensorflow/tfjs';
import { audioDuration, type AudioData } from '../../core/audio/audio-data.ts';
import { isSilent } from '../../core/audio/levels.ts';
import { computeActivations } from './activations.ts';
import { activationsToNotes, type NoteSettings, type TranscribedNote } from './notes.ts';
import { modelInput } from './prepare-audio.ts';

/** Quieter than this everywhere, a file holds nothing to hear: the model is not run. */
export const SILENCE_DB = -70;

export interface TranscribeOptions extends NoteSettings {
  signal?: AbortSignal;
  /** 0..1 as the windows are done */
  onProgress?: (fraction: number) => void;
}

export class AudioTranscriber {
  private readonly model: tf.GraphModel;
  private disposed = false;

  constructor(model: tf.GraphModel) {
    this.model = model;
  }

  /** The notes heard in `audio` (any rate, any channel count), sorted by start; [] for silence. */
  async transcribe(audio: AudioData, options: TranscribeOptions = {}): Promise<TranscribedNote[]> {
    if (this.disposed) throw new Error('the transcriber was disposed');
    if (audioDuration(audio) === 0 || isSilent(audio, SILENCE_DB)) return [];
    const signal = modelInput(audio);
    const activations = await computeActivations(this.model, signal, {
      signal: options.signal,
      onProgress: (done, total) => options.onProgress?.(done / total),
    });
    return activationsToNotes(activations, options);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.model.dispose();
  }
}
