/**
 * Decoding a WAV's sample bytes a block at a time, for files read from disk piece by piece: each
 * block of whole frames becomes planar Float32 channels with exactly the values `readWav` gives
 * for the same frames, and a non-finite float sample is refused with readWav's message (the
 * first such sample of the file, counted across blocks).
 */
import { badInput } from '../errors.ts';
import type { WavFormat } from './wav-format.ts';
import { sampleReader } from './wav-read.ts';

export class WavBlockDecoder {
  /** frames decoded so far */
  private frames = 0;

  constructor(private readonly format: WavFormat) {}

  /** Bytes of `frames` whole frames. */
  bytesFor(frames: number): number {
    return frames * this.format.blockAlign;
  }

  /** Frames in `bytes` (a trailing partial frame is dropped, as readWav drops it). */
  framesIn(bytes: number): number {
    return Math.floor(bytes / this.format.blockAlign);
  }

  /** The next block of interleaved sample bytes (whole frames) as planar channels. */
  decode(data: Uint8Array): Float32Array[] {
    const { channels: channelCount, blockAlign, containerBytes, sampleFormat } = this.format;
    const frames = this.framesIn(data.byteLength);
    const read = sampleReader(new DataView(data.buffer, data.byteOffset, data.byteLength), sampleFormat, containerBytes);
    const channels: Float32Array[] = [];
    for (let c = 0; c < channelCount; c++) {
      const out = new Float32Array(frames);
      for (let i = 0, offset = c * containerBytes; i < frames; i++, offset += blockAlign) out[i] = read(offset);
      channels.push(out);
    }
    if (sampleFormat === 'float') this.checkFinite(channels);
    this.frames += frames;
    return channels;
  }

  /** readWav's rule: the earliest non-finite sample over all channels (channel order breaks ties). */
  private checkFinite(channels: Float32Array[]): void {
    let first = -1;
    let kind = '';
    for (const channel of channels) {
      const limit = first < 0 ? channel.length : first;
      for (let i = 0; i < limit; i++) {
        const v = channel[i];
        if (v - v !== 0) {
          first = i;
          kind = Number.isNaN(v) ? 'NaN' : 'Inf';
          break;
        }
      }
    }
    if (first >= 0) throw badInput(`float data contains ${kind} samples at ${((this.frames + first) / this.format.sampleRate).toFixed(2)} s`);
  }
}
