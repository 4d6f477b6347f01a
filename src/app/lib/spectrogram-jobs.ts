import { audioLength, type AudioData } from '../../core/audio/audio-data.ts';
import type { SpectrogramReply, SpectrogramRequest } from '../worker/spectrogram-protocol.ts';
import { chunkPlan, frameTotal, spectrogramSettings, type SpectrogramChunk, type SpectrogramSettings } from './spectrogram-analysis.ts';
import type { SpectrogramLevels } from './spectrogram-image.ts';

/** What the jobs need of a worker (a fake one in tests). */
export interface SpectrogramPort {
  postMessage(message: SpectrogramRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<SpectrogramReply>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/** One clip's spectrogram, filled in chunk by chunk (the app makes these reactive). */
export interface ClipLevels extends SpectrogramLevels {
  readonly settings: SpectrogramSettings;
  readonly frames: number;
  /** one line when the clip cannot be analysed (a NaN sample, the worker stopped) */
  error: string | null;
  /** worker time spent on the clip so far, ms */
  workerMs: number;
}

/** The fixed part of a clip's levels: settings, size, and the buffer the chunks fill. */
export function clipLevelsShape(audio: AudioData): Pick<ClipLevels, 'settings' | 'rows' | 'frames' | 'frameSeconds' | 'levels'> {
  const settings = spectrogramSettings(audio.sampleRate);
  const frames = frameTotal(audioLength(audio), settings.hop);
  return { settings, rows: settings.axis.rows, frames, frameSeconds: settings.hop / audio.sampleRate, levels: new Uint8Array(frames * settings.axis.rows) };
}

export function isDone(clip: ClipLevels): boolean {
  return clip.ready >= clip.frames || clip.error !== null;
}

interface Job<T> {
  id: number;
  name: string;
  audio: AudioData;
  result: T;
  chunks: SpectrogramChunk[];
  next: number;
}

/**
 * Spectrograms of the project's clips, computed in a worker and kept per piece of audio: rows
 * keep their AudioData through edits (moves, trims, renames), so a clip is analysed once, and
 * new audio (a remix, an import) is a new key. Clips are analysed one after another with one
 * chunk in flight: the page copies and posts a few MB per step, never the whole clip at once.
 */
export class SpectrogramJobs<T extends ClipLevels> {
  private readonly cache = new WeakMap<AudioData, T>();
  private worker: SpectrogramPort | null = null;
  private readonly queue: Job<T>[] = [];
  private running: Job<T> | null = null;
  private nextJob = 1;
  /** channel buffers the worker handed back with its last reply, filled again for the next chunk */
  private spare: Float32Array[] = [];

  constructor(
    private readonly spawn: () => SpectrogramPort,
    private readonly make: (audio: AudioData) => T,
  ) {}

  /**
   * The clip's spectrogram: cached, or started now (it fills in as chunks arrive). A clip asked
   * for again while it waits moves to the front: the one on screen comes before the others.
   */
  of(audio: AudioData, name: string): T {
    const cached = this.cache.get(audio);
    if (cached !== undefined) {
      const waiting = this.queue.findIndex((job) => job.audio === audio);
      if (waiting > 0) this.queue.unshift(...this.queue.splice(waiting, 1));
      return cached;
    }
    const result = this.make(audio);
    this.cache.set(audio, result);
    if (result.frames > 0) {
      this.queue.push({ id: this.nextJob++, name, audio, result, chunks: chunkPlan(audioLength(audio), result.settings), next: 0 });
      if (this.running === null) this.startNext();
    }
    return result;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.queue.length = 0;
    this.running = null;
  }

  private port(): SpectrogramPort {
    if (this.worker !== null) return this.worker;
    const worker = this.spawn();
    worker.addEventListener('message', (event) => this.received(event.data));
    worker.addEventListener('error', (event) => this.crashed(event.message || 'the spectrogram worker stopped'));
    this.worker = worker;
    return worker;
  }

  private startNext(): void {
    this.running = this.queue.shift() ?? null;
    if (this.running !== null) this.send(this.running);
  }

  /**
   * Copies one chunk's samples out of the clip (the clip stays the project's) and sends them. The
   * copies go into the buffers the worker handed back: a fresh megabyte per chunk cost the page
   * tasks of 50–100 ms beside a 10-minute clip (allocation, not copying, measured).
   */
  private send(job: Job<T>): void {
    const chunk = job.chunks[job.next];
    const length = chunk.toSample - chunk.fromSample;
    const channels = job.audio.channels.map((source, c) => {
      const spare = this.spare[c];
      const into = spare !== undefined && spare.length >= length ? spare.subarray(0, length) : new Float32Array(length);
      into.set(source.subarray(chunk.fromSample, chunk.toSample));
      return into;
    });
    this.spare = [];
    const request: SpectrogramRequest = { kind: 'chunk', job: job.id, clipName: job.name, settings: job.result.settings, chunk, channels };
    this.port().postMessage(request, channels.map((c) => c.buffer));
  }

  private received(reply: SpectrogramReply): void {
    const job = this.running;
    if (reply.kind === 'levels') this.spare = reply.channels.map((c) => new Float32Array(c.buffer));
    if (job === null || reply.job !== job.id) return;
    if (reply.kind === 'error') {
      job.result.error = reply.message;
      this.startNext();
      return;
    }
    job.result.levels.set(reply.levels, reply.firstFrame * job.result.rows);
    job.result.workerMs += reply.ms;
    job.result.ready = reply.firstFrame + reply.frames;
    job.next++;
    if (job.next < job.chunks.length) this.send(job);
    else this.startNext();
  }

  /** A crashed worker fails the clip it was on; the next clip starts a fresh worker. */
  private crashed(message: string): void {
    this.worker?.terminate();
    this.worker = null;
    if (this.running !== null) this.running.result.error = `${this.running.name}: ${message}`;
    this.startNext();
  }
}
