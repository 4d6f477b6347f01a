import { errorToLine } from '../lib/error-line.ts';
import { SpectrogramAnalyser, type SpectrogramChunk, type SpectrogramSettings } from '../lib/spectrogram-analysis.ts';

/**
 * Messages between the app and the spectrogram worker. The app sends one chunk of a clip at a
 * time and the next when its levels come back, so neither side ever holds more than a chunk in
 * flight and the page can draw each chunk as it lands.
 */
export interface SpectrogramRequest {
  kind: 'chunk';
  job: number;
  clipName: string;
  settings: SpectrogramSettings;
  chunk: SpectrogramChunk;
  /** the clip's samples [chunk.fromSample, chunk.toSample), per channel (copies: transferred) */
  channels: Float32Array[];
}

export type SpectrogramReply =
  /** `channels`: the request's sample buffers, handed back for the next chunk */
  | { kind: 'levels'; job: number; firstFrame: number; frames: number; levels: Uint8Array; channels: Float32Array[]; ms: number }
  | { kind: 'error'; job: number; message: string };

/** Analysers by settings, so a clip's chunks reuse one STFT plan. */
export class AnalyserCache {
  private readonly byKey = new Map<string, SpectrogramAnalyser>();

  get(settings: SpectrogramSettings): SpectrogramAnalyser {
    const key = JSON.stringify(settings);
    let analyser = this.byKey.get(key);
    if (analyser === undefined) {
      analyser = new SpectrogramAnalyser(settings);
      this.byKey.set(key, analyser);
    }
    return analyser;
  }
}

/** The worker's answer to one request: the chunk's levels, or one line saying what is wrong. */
export function answerChunk(request: SpectrogramRequest, analysers: AnalyserCache, now: () => number = () => performance.now()): SpectrogramReply {
  const started = now();
  try {
    const levels = analysers.get(request.settings).analyse(request.channels, request.chunk, request.clipName);
    return { kind: 'levels', job: request.job, firstFrame: request.chunk.firstFrame, frames: request.chunk.frames, levels, channels: request.channels, ms: now() - started };
  } catch (error) {
    return { kind: 'error', job: request.job, message: errorToLine(error) };
  }
}
