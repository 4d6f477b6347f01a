/**
 * WAV files read from disk block by block: only the header chunks and one block of samples are
 * in memory, however long the recording. Files that are not plain, whole WAVs (cut short, sizes
 * left unknown, odd chunk headers, over the size limit) are read whole instead, by the same rules
 * as every WAV, which also names exactly what is wrong with a broken one.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { audioChunks } from '../plugins/audio-stream.ts';
import { buildRiff, type ChunkToWrite } from '../core/audio/riff.ts';
import { WavBlockDecoder } from '../core/audio/wav-block-decoder.ts';
import { locateWav, MAX_WAV_BYTES, readWav, type WavLayout } from '../core/audio/wav-read.ts';
import { AleaError } from '../core/errors.ts';
import type { AudioChunk } from '../plugins/types.ts';
import { readInputFile } from './file-io.ts';

/** header chunks larger than this are not metadata a streamed read should hold */
const MAX_HEADER_CHUNK = 16 * 1024 * 1024;
/** frames per block read from disk: 1 MiB of 16-bit stereo */
export const WAV_BLOCK_FRAMES = 1 << 18;

export async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(bytes, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? bytes : bytes.subarray(0, done);
}

const text = (bytes: Uint8Array, at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
const u32 = (bytes: Uint8Array, at: number): number => new DataView(bytes.buffer, bytes.byteOffset).getUint32(at, true);

/** A plain WAV file's checked header and where its sample bytes lie. */
export interface WavFileLayout {
  /** format, info and provenance as readWav reads them (its `data` is empty) */
  layout: WavLayout;
  dataOffset: number;
  dataBytes: number;
}

/**
 * Walks the chunk headers of an open WAV file, reading only the metadata chunks; undefined for a
 * file that is not a plain, whole WAV (read it whole for the exact rules and errors).
 * @throws AleaError (without the file name) for a header readWav would also refuse
 */
export async function locateWavFile(handle: FileHandle): Promise<WavFileLayout | undefined> {
  const size = (await handle.stat()).size;
  if (size > MAX_WAV_BYTES || size < 12) return undefined;
  const head = await readAt(handle, 0, 12);
  const riffSize = u32(head, 4);
  if (text(head, 0) !== 'RIFF' || text(head, 8) !== 'WAVE' || riffSize === 0 || riffSize === 0xffffffff) return undefined;
  const kept: ChunkToWrite[] = [];
  let data: { offset: number; size: number } | undefined;
  let offset = 12;
  while (offset + 8 <= size) {
    const header = await readAt(handle, offset, 8);
    const id = text(header, 0);
    if (!/^[\x20-\x7e]{4}$/.test(id)) return undefined;
    const declared = u32(header, 4);
    if (offset + 8 + declared > size) return undefined; // cut short: the whole read explains it
    if (id === 'data') data ??= { offset: offset + 8, size: declared };
    else if (id === 'fmt ' || id === 'LIST' || id === 'iXML') {
      if (declared > MAX_HEADER_CHUNK) return undefined;
      kept.push({ id, body: await readAt(handle, offset + 8, declared) });
    }
    offset += 8 + declared + (declared & 1);
  }
  if (data === undefined || !kept.some((c) => c.id === 'fmt ')) return undefined;
  // The header chunks as a tiny WAV with no samples: read by the same rules as every WAV.
  const layout = locateWav(buildRiff('WAVE', [...kept, { id: 'data', body: new Uint8Array(0) }]));
  return { layout, dataOffset: data.offset, dataBytes: data.size };
}

/** An input's audio (a WAV read from disk, a MIDI file rendered), handed over in blocks of at most `maxFrames` frames. */
export interface AudioBlockSource {
  sampleRate: number;
  channelCount: number;
  frames: number;
  /** the samples in order, each block at most `maxFrames` long (default WAV_BLOCK_FRAMES) */
  blocks(maxFrames?: number): AsyncGenerator<AudioChunk>;
  close(): Promise<void>;
}

function fileSource(path: string, handle: FileHandle, found: WavFileLayout): AudioBlockSource {
  const { format } = found.layout;
  const decoder = new WavBlockDecoder(format);
  const frames = decoder.framesIn(found.dataBytes);
  return {
    sampleRate: format.sampleRate,
    channelCount: format.channels,
    frames,
    async *blocks(maxFrames = WAV_BLOCK_FRAMES) {
      const step = Math.max(1, Math.floor(maxFrames));
      for (let at = 0; at < frames; at += step) {
        const count = Math.min(step, frames - at);
        const bytes = await readAt(handle, found.dataOffset + decoder.bytesFor(at), decoder.bytesFor(count));
        if (bytes.byteLength < decoder.bytesFor(count)) throw new AleaError('bad-input', 'changed while it was being read (it is shorter now)', path);
        try {
          yield decoder.decode(bytes);
        } catch (error) {
          throw error instanceof AleaError ? error.inFile(path) : error;
        }
      }
    },
    close: () => handle.close(),
  };
}

function memorySource(channels: Float32Array[], sampleRate: number): AudioBlockSource {
  const frames = channels[0]?.length ?? 0;
  return {
    sampleRate,
    channelCount: channels.length,
    frames,
    async *blocks(maxFrames = WAV_BLOCK_FRAMES) {
      yield* audioChunks({ sampleRate, channels }, Math.max(1, Math.floor(maxFrames)));
    },
    close: async () => undefined,
  };
}

/**
 * Opens a user's WAV file for reading in blocks. Every problem is one AleaError line naming the
 * file (the same lines readWav gives); the caller closes the source.
 */
export async function openWavFile(path: string): Promise<AudioBlockSource> {
  await readInputFile(path, undefined, 12); // the checks every input gets: a regular file, not empty, not too large
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    return openWhole(path);
  }
  try {
    const found = await locateWavFile(handle);
    if (found !== undefined) return fileSource(path, handle, found);
  } catch (error) {
    await handle.close();
    if (error instanceof AleaError) throw error.inFile(path);
    throw error;
  }
  await handle.close();
  return openWhole(path);
}

async function openWhole(path: string): Promise<AudioBlockSource> {
  const { audio } = readWav(await readInputFile(path), path);
  return memorySource(audio.channels, audio.sampleRate);
}
