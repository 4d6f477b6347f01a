/**
 * Running audio through an audio-effect plugin in chunks: bounded memory (one chunk in flight),
 * progress per chunk, abort between chunks, latency compensated.
 */
import type { AudioData } from '../core/audio/audio-data.ts';
import type { ModelRef } from '../core/provenance.ts';
import { audioLength } from '../core/audio/audio-data.ts';
import { validateParams } from './params.ts';
import type { AudioChunk, AudioEffectPlugin, AudioProcessor, ModelResolver, ParamValues, ProgressListener } from './types.ts';

export const DEFAULT_CHUNK_FRAMES = 4096;
/** How long processing runs before it lets other work (a cancel message) in, when it can be cancelled. */
const YIELD_EVERY_MS = 50;

function chunkLength(chunk: AudioChunk): number {
  return chunk.length === 0 ? 0 : chunk[0].length;
}

/** Consecutive views (no copies) of `audio`, `frames` samples long (the last may be shorter). */
export function* audioChunks(audio: AudioData, frames = DEFAULT_CHUNK_FRAMES): Generator<AudioChunk> {
  const length = audioLength(audio);
  for (let start = 0; start < length; start += frames) {
    yield audio.channels.map((channel) => channel.subarray(start, Math.min(length, start + frames)));
  }
}

/**
 * Feeds `chunks` through `processor` and yields its output with the first `latencySamples`
 * dropped, then what `flush` returns. Stops with an AbortError between chunks once `signal` aborts.
 */
export async function* streamThrough(
  processor: AudioProcessor,
  chunks: AsyncIterable<AudioChunk> | Iterable<AudioChunk>,
  signal?: AbortSignal,
): AsyncGenerator<AudioChunk> {
  let toSkip = processor.latencySamples;
  const trimmed = (chunk: AudioChunk): AudioChunk | null => {
    const length = chunkLength(chunk);
    if (length === 0) return null;
    if (toSkip >= length) {
      toSkip -= length;
      return null;
    }
    const out = toSkip > 0 ? chunk.map((channel) => channel.subarray(toSkip)) : chunk;
    toSkip = 0;
    return out;
  };
  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    const out = trimmed(processor.process(chunk));
    if (out !== null) yield out;
  }
  signal?.throwIfAborted();
  const tail = trimmed(processor.flush());
  if (tail !== null) yield tail;
}

export interface ProcessAudioOptions {
  frames?: number;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  models?: ModelResolver;
  /** told the model the processor runs (name + weight hash), for provenance */
  onModel?: (model: ModelRef) => void;
  /** awaited after each chunk: a live engine gives the page a turn there (it yields once its task has run a while) */
  pause?: () => Promise<void>;
}

/** The audio an effect is created for. */
export interface EffectFormat {
  sampleRate: number;
  channelCount: number;
}

/** Creates an audio effect's processor (params validated) and tells `onModel` which model it runs. */
export async function createEffectProcessor(
  plugin: AudioEffectPlugin,
  params: ParamValues,
  format: EffectFormat,
  options: ProcessAudioOptions = {},
): Promise<AudioProcessor> {
  const { signal, onProgress, models, onModel } = options;
  const processor = await plugin.createProcessor(validateParams(params, plugin.descriptor.params), {
    sampleRate: format.sampleRate,
    channelCount: format.channelCount,
    signal,
    onProgress,
    models,
  });
  if (processor.model !== undefined) onModel?.(processor.model);
  return processor;
}

/**
 * Streams `chunks` (in order, `total` frames in all) through `processor`: progress after each
 * chunk, a turn for the event loop now and then when it can be cancelled, latency dropped. Each
 * output chunk is valid until the next one is asked for (copy it to keep it).
 */
export async function* streamEffect(
  processor: AudioProcessor,
  chunks: AsyncIterable<AudioChunk> | Iterable<AudioChunk>,
  total: number,
  options: Pick<ProcessAudioOptions, 'signal' | 'onProgress' | 'pause'> = {},
): AsyncGenerator<AudioChunk> {
  const { signal, onProgress, pause } = options;
  let done = 0;
  let turn = performance.now();
  async function* counted(): AsyncGenerator<AudioChunk> {
    for await (const chunk of chunks) {
      yield chunk;
      done += chunkLength(chunk);
      onProgress?.({ done, total });
      if (pause !== undefined) await pause();
      // a long effect (a model) gives the event loop a turn now and then, so a worker sees a cancel message
      else if (signal !== undefined && performance.now() - turn > YIELD_EVERY_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        turn = performance.now();
      }
    }
  }
  yield* streamThrough(processor, counted(), signal);
}

/**
 * Chunks of exactly `frames` frames (the last may be shorter) from blocks of any length, so a
 * processor sees the same chunks whether the audio was whole in memory or read block by block.
 */
export async function* rechunk(blocks: AsyncIterable<AudioChunk> | Iterable<AudioChunk>, frames = DEFAULT_CHUNK_FRAMES): AsyncGenerator<AudioChunk> {
  let partial: AudioChunk = [];
  let filled = 0;
  for await (const block of blocks) {
    const length = chunkLength(block);
    let at = 0;
    if (filled > 0) {
      const take = Math.min(frames - filled, length);
      partial.forEach((channel, c) => channel.set(block[c].subarray(0, take), filled));
      filled += take;
      at = take;
      if (filled < frames) continue;
      yield partial;
      filled = 0;
    }
    for (; at + frames <= length; at += frames) yield block.map((channel) => channel.subarray(at, at + frames));
    if (at < length) {
      partial = block.map((channel) => {
        const held = new Float32Array(frames);
        held.set(channel.subarray(at));
        return held;
      });
      filled = length - at;
    }
  }
  if (filled > 0) yield partial.map((channel) => channel.subarray(0, filled));
}

/** Runs a whole clip through an audio effect (validated params), in chunks. */
export async function processAudio(
  plugin: AudioEffectPlugin,
  audio: AudioData,
  params: ParamValues,
  options: ProcessAudioOptions = {},
): Promise<AudioData> {
  const { frames = DEFAULT_CHUNK_FRAMES } = options;
  const channelCount = audio.channels.length;
  const processor = await createEffectProcessor(plugin, params, { sampleRate: audio.sampleRate, channelCount }, options);
  const parts: AudioChunk[] = [];
  for await (const chunk of streamEffect(processor, audioChunks(audio, frames), audioLength(audio), options)) parts.push(chunk.map((c) => Float32Array.from(c)));
  const length = parts.reduce((n, part) => n + chunkLength(part), 0);
  const channels = Array.from({ length: channelCount }, () => new Float32Array(length));
  let at = 0;
  for (const part of parts) {
    for (let c = 0; c < channelCount; c++) channels[c].set(part[c] ?? new Float32Array(chunkLength(part)), at);
    at += chunkLength(part);
  }
  return { sampleRate: audio.sampleRate, channels };
}
