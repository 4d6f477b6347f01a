/**
 * Duration, peak and RMS of a WAV file read straight from its bytes, one sample at a time: no
 * decoded copy of the audio is made, so describing a 1 GiB file needs no more than the file.
 * The figures equal peakDb/rmsDb of readWav's audio (samples are rounded to Float32 the same way).
 */
import { AleaError, badInput } from '../errors.ts';
import { gainToDb } from './levels.ts';
import { locateWav, sampleReader, type WavInfo } from './wav-read.ts';
import type { WavFormat } from './wav-format.ts';
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
  const meter = new WavLevelMeter(format);
  meter.add(data);
  return meter.result(info, provenance);
}

/**
 * Peak and RMS of a WAV's interleaved sample bytes, fed in pieces of whole frames (a file read
 * block by block gives the figures of the file read whole).
 */
export class WavLevelMeter {
  private peak = 0;
  private readonly sums: number[];
  private frames = 0;

  constructor(private readonly format: WavFormat) {
    this.sums = new Array<number>(format.channels).fill(0);
  }

  /** The next sample bytes; a trailing partial frame is ignored (as readWav drops it). */
  add(data: Uint8Array): void {
    const { channels, blockAlign, containerBytes, sampleRate } = this.format;
    const frames = Math.floor(data.byteLength / blockAlign);
    const read = sampleReader(new DataView(data.buffer, data.byteOffset, data.byteLength), this.format.sampleFormat, containerBytes);
    for (let c = 0; c < channels; c++) {
      let sum = this.sums[c];
      for (let i = 0, offset = c * containerBytes; i < frames; i++, offset += blockAlign) {
        const v = Math.fround(read(offset));
        if (v - v !== 0) throw badInput(`float data contains ${Number.isNaN(v) ? 'NaN' : 'Inf'} samples at ${((this.frames + i) / sampleRate).toFixed(2)} s`);
        const magnitude = Math.abs(v);
        if (magnitude > this.peak) this.peak = magnitude;
        sum += v * v;
      }
      this.sums[c] = sum;
    }
    this.frames += frames;
  }

  result(info: WavInfo, provenance: Provenance | undefined): WavLevels {
    const count = this.frames * this.format.channels;
    const sum = this.sums.reduce((a, b) => a + b, 0);
    const levels: WavLevels = {
      info,
      frames: this.frames,
      seconds: this.frames / this.format.sampleRate,
      peakDb: gainToDb(this.peak),
      rmsDb: count === 0 ? -Infinity : 10 * Math.log10(sum / count),
    };
    if (provenance !== undefined) levels.provenance = provenance;
    return levels;
  }
}
