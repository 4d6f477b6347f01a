import type { AudioData } from '../../core/audio/audio-data.ts';
import { clipLevelsShape, SpectrogramJobs, type ClipLevels } from '../lib/spectrogram-jobs.ts';
import type { SpectrogramSettings } from '../lib/spectrogram-analysis.ts';
import { afterFrame } from '../lib/after-frame.ts';

/**
 * One clip's spectrogram as the views see it: `ready` and `error` are reactive, so canvases redraw
 * as chunks land, once a frame: a redraw in the task of each worker reply made that task too long
 * for a long clip (two canvases repainted per chunk).
 */
export class ClipSpectrogram implements ClipLevels {
  readonly settings: SpectrogramSettings;
  readonly rows: number;
  readonly frames: number;
  readonly frameSeconds: number;
  readonly levels: Uint8Array;
  #shown = $state(0);
  #landed = 0;
  #waiting = false;
  error = $state<string | null>(null);
  workerMs = $state(0);

  constructor(audio: AudioData) {
    const shape = clipLevelsShape(audio);
    this.settings = shape.settings;
    this.rows = shape.rows;
    this.frames = shape.frames;
    this.frameSeconds = shape.frameSeconds;
    this.levels = shape.levels;
  }

  /** frames of `levels` filled in, as the views see them */
  get ready(): number {
    return this.#shown;
  }

  set ready(frames: number) {
    this.#landed = frames;
    if (this.#waiting) return;
    this.#waiting = true;
    void afterFrame().then(() => {
      this.#waiting = false;
      this.#shown = this.#landed;
    });
  }
}

/** The app's spectrograms, with their worker started on the first clip shown. */
export const spectrograms = new SpectrogramJobs(
  () => new Worker(new URL('../worker/spectrogram-worker.ts', import.meta.url), { type: 'module' }),
  (audio) => new ClipSpectrogram(audio),
);
