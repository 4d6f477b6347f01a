/**
 * `alea info` on a WAV file read block by block from disk: only the header chunks and a 4 MiB
 * window are in memory, however long the recording. Files that are not plain, whole WAVs (cut
 * short, sizes left unknown, odd chunk headers, over the size limit) return undefined: the
 * caller reads them whole, which names exactly what is wrong.
 */
import { open } from 'node:fs/promises';
import { WavLevelMeter, type WavLevels } from '../core/audio/wav-levels.ts';
import { AleaError } from '../core/errors.ts';
import { locateWavFile, readAt } from './wav-file-reader.ts';

const BLOCK_BYTES = 4 * 1024 * 1024;

export async function scanWavFile(path: string): Promise<WavLevels | undefined> {
  const handle = await open(path, 'r');
  try {
    const found = await locateWavFile(handle);
    if (found === undefined) return undefined;
    const { layout, dataOffset, dataBytes } = found;
    const meter = new WavLevelMeter(layout.format);
    const step = Math.max(layout.format.blockAlign, BLOCK_BYTES - (BLOCK_BYTES % layout.format.blockAlign));
    for (let at = 0; at < dataBytes; at += step) meter.add(await readAt(handle, dataOffset + at, Math.min(step, dataBytes - at)));
    return meter.result(layout.info, layout.provenance);
  } catch (error) {
    if (error instanceof AleaError) throw error.inFile(path);
    throw error;
  } finally {
    await handle.close();
  }
}
