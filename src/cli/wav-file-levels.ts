/**
 * `alea info` on a WAV file read block by block from disk: only the header chunks and a 4 MiB
 * window are in memory, however long the recording. Files that are not plain, whole WAVs (cut
 * short, sizes left unknown, odd chunk headers, over the size limit) return undefined: the
 * caller reads them whole, which names exactly what is wrong.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { buildRiff, type ChunkToWrite } from '../core/audio/riff.ts';
import { WavLevelMeter, type WavLevels } from '../core/audio/wav-levels.ts';
import { locateWav, MAX_WAV_BYTES } from '../core/audio/wav-read.ts';
import { AleaError } from '../core/errors.ts';

const BLOCK_BYTES = 4 * 1024 * 1024;
/** header chunks larger than this are not metadata a streamed read should hold */
const MAX_HEADER_CHUNK = 16 * 1024 * 1024;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
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

export async function scanWavFile(path: string): Promise<WavLevels | undefined> {
  const handle = await open(path, 'r');
  try {
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
    const meter = new WavLevelMeter(layout.format);
    const step = Math.max(layout.format.blockAlign, BLOCK_BYTES - (BLOCK_BYTES % layout.format.blockAlign));
    for (let at = 0; at < data.size; at += step) meter.add(await readAt(handle, data.offset + at, Math.min(step, data.size - at)));
    return meter.result(layout.info, layout.provenance);
  } catch (error) {
    if (error instanceof AleaError) throw error.inFile(path);
    throw error;
  } finally {
    await handle.close();
  }
}
