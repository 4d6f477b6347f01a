/**
 * Runs Basic Pitch over the windows of a signal and joins what it says per frame: `frames`
 * (a note sounds) and `onsets` (a note starts), each [frame][88 keys] for A0..C8. Each window's
 * tensors live inside one tf.tidy and are disposed after they are read back; between windows
 * the event loop gets a turn, so a cancel reaches the work and progress can be shown.
 */
import * as tf from '@tensorflow/tfjs';
import { FRAMES_PER_SECOND, OUTPUT_NAMES, OVERLAP_FRAMES, PITCH_BINS, SAMPLE_RATE, WINDOW_SAMPLES } from './model.ts';
import { windowAt, windowStarts } from './prepare-audio.ts';

export interface Activations {
  frames: number[][];
  onsets: number[][];
}

export interface ActivationOptions {
  signal?: AbortSignal;
  /** windows done of the total, after each */
  onProgress?: (done: number, total: number) => void;
}

const HALF_OVERLAP = OVERLAP_FRAMES / 2;

function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** One window through the model: frames and onsets with half the overlap cut from each side. */
function runWindow(model: tf.GraphModel, window: Float32Array): tf.Tensor2D[] {
  return tf.tidy(() => {
    const input = tf.tensor3d(window, [1, WINDOW_SAMPLES, 1]); // [batch, samples, channel]
    const outputs = model.execute(input, [OUTPUT_NAMES.frames, OUTPUT_NAMES.onsets]) as tf.Tensor3D[]; // each [1, frames, 88]
    return outputs.map((output) => {
      const kept = output.shape[1] - 2 * HALF_OVERLAP;
      return output.slice([0, HALF_OVERLAP, 0], [1, kept, PITCH_BINS]).reshape([kept, PITCH_BINS]) as tf.Tensor2D;
    });
  });
}

function rows(data: Float32Array, count: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < count; r++) out.push(Array.from(data.subarray(r * PITCH_BINS, (r + 1) * PITCH_BINS)));
  return out;
}

/** Activations for `signal` (mono, SAMPLE_RATE), one row per frame of the original length. */
export async function computeActivations(model: tf.GraphModel, signal: Float32Array, options: ActivationOptions = {}): Promise<Activations> {
  const { signal: abort, onProgress } = options;
  const starts = windowStarts(signal.length);
  const wanted = Math.floor((signal.length * FRAMES_PER_SECOND) / SAMPLE_RATE);
  const result: Activations = { frames: [], onsets: [] };
  for (const [i, start] of starts.entries()) {
    abort?.throwIfAborted();
    if (result.frames.length >= wanted) break;
    const tensors = runWindow(model, windowAt(signal, start));
    try {
      const [frames, onsets] = await Promise.all(tensors.map((t) => t.data() as Promise<Float32Array>));
      const count = Math.min(tensors[0].shape[0], wanted - result.frames.length);
      result.frames.push(...rows(frames, count));
      result.onsets.push(...rows(onsets, count));
    } finally {
      tf.dispose(tensors);
    }
    onProgress?.(i + 1, starts.length);
    await yieldTurn();
  }
  abort?.throwIfAborted();
  onProgress?.(starts.length, starts.length);
  return result;
}
