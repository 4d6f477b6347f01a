import { WavStreamWriter, type WavWriteOptions } from '../../core/audio/wav-write.ts';
import type { Project } from '../project.ts';
import { renderProjectBlocks } from './render-blocks.ts';
import type { RenderOptions } from './render-project.ts';

/**
 * A project's WAV export built block by block into one buffer of the file's final size: no
 * whole-song float mix, no second copy for the limiter, only the bytes the user downloads (the
 * browser has no file to stream to). Same bytes as writeWav(renderProjectMix(...)).
 */
export async function renderProjectWav(project: Project, wav: WavWriteOptions, options: RenderOptions = {}): Promise<Uint8Array> {
  let writer: WavStreamWriter | undefined;
  let out = new Uint8Array(0);
  let at = 0;
  const put = (bytes: Uint8Array): void => {
    out.set(bytes, at);
    at += bytes.byteLength;
  };
  await renderProjectBlocks(
    project,
    {
      start: async (frames, sampleRate) => {
        writer = new WavStreamWriter({ sampleRate, channelCount: 2, frames }, wav);
        const header = writer.header();
        const bytesPerSample = wav.bitDepth === '32f' ? 4 : wav.bitDepth / 8;
        const data = frames * 2 * bytesPerSample;
        out = new Uint8Array(header.byteLength + data + (data & 1));
        put(header);
      },
      block: async (channels) => {
        if (writer === undefined) throw new Error('a block before the render started');
        put(writer.encode(channels));
      },
    },
    options,
  );
  if (writer === undefined) throw new Error('the render never started');
  put(writer.end());
  return out.subarray(0, at);
}
