/**
 * An audio effect from a file to a WAV file, in bounded memory: the input is read (or rendered)
 * block by block, fed to the effect's processor in fixed chunks, and each processed chunk is
 * encoded straight into the output's temporary file, which replaces the output only when whole
 * (removed on any failure and on SIGINT/SIGTERM). Memory stays flat however long the input.
 *
 * The output has the input's length, rate and channels: an effect's latency is dropped, and
 * anything it hands over past the input's end is cut (as a track's chain does in the engine).
 */
import { WavStreamWriter, type WavBitDepth } from '../../core/audio/wav-write.ts';
import type { ModelRef, Provenance } from '../../core/provenance.ts';
import { createEffectProcessor, DEFAULT_CHUNK_FRAMES, rechunk, streamEffect } from '../../plugins/audio-stream.ts';
import type { AudioChunk, AudioEffectPlugin, ModelResolver, ParamValues, ProgressListener } from '../../plugins/types.ts';
import { writeOutputStream } from '../file-io.ts';
import type { AudioBlockSource } from '../wav-file-reader.ts';

export interface EffectFileOptions {
  bitDepth: WavBitDepth;
  models?: ModelResolver;
  onProgress?: ProgressListener;
  /** the provenance to write, given the model the effect runs (when it runs one) */
  provenance: (model: ModelRef | undefined) => Provenance;
  /** frames per block read from the input (default: the reader's) */
  blockFrames?: number;
}

/** `chunks` cut or padded with silence to exactly `frames` frames. */
async function* exactly(chunks: AsyncIterable<AudioChunk>, frames: number, channelCount: number): AsyncGenerator<AudioChunk> {
  let written = 0;
  for await (const chunk of chunks) {
    const length = Math.min(chunk[0]?.length ?? 0, frames - written);
    if (length <= 0) continue;
    yield length === chunk[0].length ? chunk : chunk.map((channel) => channel.subarray(0, length));
    written += length;
  }
  for (; written < frames; written += DEFAULT_CHUNK_FRAMES) {
    yield Array.from({ length: channelCount }, () => new Float32Array(Math.min(DEFAULT_CHUNK_FRAMES, frames - written)));
  }
}

/**
 * Runs `plugin` over `source` into the WAV file `output`. The processor is made (its model
 * loaded, its params checked) before the output is touched, so a usage error leaves nothing.
 */
export async function processAudioFile(plugin: AudioEffectPlugin, source: AudioBlockSource, output: string, params: ParamValues, options: EffectFileOptions): Promise<void> {
  const { sampleRate, channelCount, frames } = source;
  let model: ModelRef | undefined;
  const processor = await createEffectProcessor(plugin, params, { sampleRate, channelCount }, { models: options.models, onModel: (m) => (model = m) });
  const writer = new WavStreamWriter({ sampleRate, channelCount, frames }, { bitDepth: options.bitDepth, provenance: options.provenance(model) });
  const chunks = rechunk(source.blocks(options.blockFrames), DEFAULT_CHUNK_FRAMES);
  await writeOutputStream(output, async (write) => {
    await write(writer.header());
    for await (const chunk of exactly(streamEffect(processor, chunks, frames, { onProgress: options.onProgress }), frames, channelCount)) {
      await write(writer.encode(chunk));
    }
    await write(writer.end());
  });
}
