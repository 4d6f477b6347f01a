/**
 * Duration, peak and RMS of a WAV file read straight from its bytes, one sample at a time: no
 * decoded copy of the audio is made, so describing a 1 GiB file needs no more than the file.
 * The figures equal peakDb/rmsDb of readWav's audio (samples are rounded to Float32 the same way).
 */
import { AleaError, badInput } from '../errors.ts';
import { gainToDb } from './levels.ts';
import { locateWav, sampleReader, type WavInfo } from './wav-read.ts';
import type { Provenance } from '../provenance.ts';

export interface WavLevels {
  info: WavInfo;
  provenance?: Provenance;
  frames: number;
  seconds: number;
  peakDb: number;
  rmsDb: number;
}

export function scanWavLevels(bytes: Uint8Array, fileName?: string): WavLevels {
  try {
    return scan(bytes);
  } catch (error) {
    if (error instanceof AleaError && fileName !== undefined) throw error.inFile(fileName);
    throw error;
  }
}

function scan(bytes: Uint8Array): WavLevels {
  const { format, data, info, provenance } = locateWav(bytes);
  const { channels, blockAlign, containerBytes, sampleRate } = format;
  const frames = Math.floor(data.byteLength / blockAlign);
  const read = sampleReader(new DataView(data.buffer, data.byteOffset, data.byteLength), format.sampleFormat, containerBytes);
  let peak = 0;
  let sum = 0;
  for (let c = 0; c < channels; c++) {
    for (let i = 0, offset = c * containerBytes; i < frames; i++, offset += blockAlign) {
      const v = Math.fround(read(offset));
      if (v - v !== 0) throw badInput(`float data contains ${Number.isNaN(v) ? 'NaN' : 'Inf'} samples at ${(i / sampleRate).toFixed(2)} s`);
      const magnitude = Math.abs(v);
      if (magnitude > peak) peak = magnitude;
      sum += v * v;
    }
  }
  const count = frames * channels;
  const levels: WavLevels = {
    info,
    frames,
    seconds: frames / sampleRate,
    peakDb: gainToDb(peak),
    rmsDb: count === 0 ? -Infinity : 10 * Math.log10(sum / count),
  };
  if (provenance !== undefined) levels.provenance = provenance;
  return levels;
}
