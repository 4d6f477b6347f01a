/**
 * Writing WAV files: 16- or 24-bit PCM, or 32-bit float, with provenance in LIST/INFO and iXML
 * chunks placed before the audio. The same input always gives the same bytes (no timestamps;
 * dither, when asked for, comes from a seeded generator).
 */
import { concatBytes } from '../bytes.ts';
import seedrandom from 'seedrandom';
import { badInput } from '../errors.ts';
import type { Provenance } from '../provenance.ts';
import { audioLength, type AudioData } from './audio-data.ts';
import { buildRiff, type ChunkToWrite } from './riff.ts';
import { encodeFmtChunk, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE } from './wav-format.ts';
import { encodeInfoChunk, encodeIxmlChunk } from './wav-metadata.ts';

export type WavBitDepth = 16 | 24 | '32f';

export interface WavWriteOptions {
  bitDepth: WavBitDepth;
  provenance?: Provenance;
  /** TPDF dither of ±1 LSB before integer quantisation (ignored for '32f'). Default false. */
  dither?: boolean;
  /** Seed of the dither noise; default 0 (or the provenance's seed when it has one). */
  ditherSeed?: number;
}

export function writeWav(audio: AudioData, options: WavWriteOptions): Uint8Array {
  return concatBytes([...wavPieces(audio, options, Math.max(1, audioLength(audio)))]);
}

/**
 * The bytes of `writeWav` in pieces: the header, then the samples `blockFrames` frames at a
 * time, so a long render can be streamed to disk without a second whole copy in memory.
 * Joined, the pieces are exactly `writeWav`'s bytes (dither included).
 */
export function* wavPieces(audio: AudioData, options: WavWriteOptions, blockFrames = 65536): Generator<Uint8Array> {
  checkWritable(audio);
  const frames = audioLength(audio);
  const writer = new WavStreamWriter({ sampleRate: audio.sampleRate, channelCount: audio.channels.length, frames }, options);
  yield writer.header();
  const step = Math.max(1, Math.floor(blockFrames));
  for (let start = 0; start < frames; start += step) {
    const end = Math.min(frames, start + step);
    yield writer.encode(audio.channels.map((c) => c.subarray(start, end)));
  }
  yield writer.end();
}

/**
 * A WAV file written as it is produced: the header (the frame count is known up front), then
 * blocks of samples in order, then `end()`. Same bytes as `writeWav` of the joined audio.
 */
export class WavStreamWriter {
  private readonly channelCount: number;
  private readonly sampleRate: number;
  private readonly frames: number;
  private readonly bitDepth: WavBitDepth;
  private readonly bytesPerSample: number;
  private readonly options: WavWriteOptions;
  private readonly random: (() => number) | undefined;
  private written = 0;

  constructor(format: { sampleRate: number; channelCount: number; frames: number }, options: WavWriteOptions) {
    const { sampleRate, channelCount, frames } = format;
    if (channelCount === 0) throw badInput('cannot write a WAV with no channels');
    if (channelCount > 0xffff) throw badInput(`cannot write ${channelCount} channels to a WAV`);
    if (!Number.isInteger(sampleRate) || sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
      throw badInput(`cannot write sample rate ${sampleRate} (a whole number ${MIN_SAMPLE_RATE}..${MAX_SAMPLE_RATE} Hz)`);
    }
    // The RIFF size field is 32-bit: refuse rather than wrap around.
    if (frames * channelCount * 4 > 0xffffffff - 4096) throw badInput('audio is too long for a WAV file (over 4 GB)');
    const bitDepth = options.bitDepth;
    if (bitDepth !== 16 && bitDepth !== 24 && bitDepth !== '32f') {
      throw badInput(`cannot write WAV bit depth ${String(bitDepth)} (16, 24 or 32f)`);
    }
    this.channelCount = channelCount;
    this.sampleRate = sampleRate;
    this.frames = frames;
    this.bitDepth = bitDepth;
    this.bytesPerSample = bitDepth === '32f' ? 4 : bitDepth / 8;
    this.options = options;
    const seed = options.ditherSeed ?? options.provenance?.seed ?? 0;
    this.random = bitDepth !== '32f' && options.dither === true ? seedrandom.alea(String(seed)) : undefined;
  }

  private get dataBytes(): number {
    return this.frames * this.channelCount * this.bytesPerSample;
  }

  header(): Uint8Array {
    const isFloat = this.bitDepth === '32f';
    const chunks: ChunkToWrite[] = [
      { id: 'fmt ', body: encodeFmtChunk(isFloat ? 'float' : 'pcm', this.channelCount, this.sampleRate, this.bytesPerSample * 8) },
    ];
    if (isFloat) {
      // Non-PCM formats carry a fact chunk with the frame count.
      const fact = new Uint8Array(4);
      new DataView(fact.buffer).setUint32(0, this.frames, true);
      chunks.push({ id: 'fact', body: fact });
    }
    if (this.options.provenance !== undefined) {
      chunks.push({ id: 'LIST', body: encodeInfoChunk(this.options.provenance) });
      chunks.push({ id: 'iXML', body: encodeIxmlChunk(this.options.provenance) });
    }
    // The header as buildRiff lays it out, with the data chunk's size filled in but its body to follow.
    chunks.push({ id: 'data', body: new Uint8Array(0) });
    const header = buildRiff('WAVE', chunks);
    const view = new DataView(header.buffer);
    const data = this.dataBytes;
    view.setUint32(4, header.byteLength - 8 + data + (data & 1), true);
    view.setUint32(header.byteLength - 4, data, true);
    return header;
  }

  /** The bytes of the next frames (one array per channel, equal lengths, finite samples). */
  encode(channels: readonly Float32Array[]): Uint8Array {
    if (channels.length !== this.channelCount) throw badInput(`a block has ${channels.length} channels, the file ${this.channelCount}`);
    const frames = channels[0].length;
    channels.forEach((channel, c) => {
      if (channel.length !== frames) throw badInput(`channel ${c + 1} has ${channel.length} samples, channel 1 has ${frames}`);
      for (let i = 0; i < channel.length; i++) {
        const v = channel[i];
        if (v - v !== 0) {
          const kind = Number.isNaN(v) ? 'NaN' : 'Inf';
          throw badInput(`audio to write contains ${kind} samples at ${((this.written + i) / this.sampleRate).toFixed(2)} s (channel ${c + 1})`);
        }
      }
    });
    if (this.written + frames > this.frames) throw badInput(`more frames than the ${this.frames} the header declares`);
    this.written += frames;
    const block = new Uint8Array(frames * this.channelCount * this.bytesPerSample);
    const view = new DataView(block.buffer);
    if (this.bitDepth === '32f') encodeFloat(channels, view, 0, frames);
    else encodeInteger(channels, view, this.bitDepth, 0, frames, this.random);
    return block;
  }

  /** The closing bytes (a pad byte after an odd-sized data chunk); every declared frame must be written. */
  end(): Uint8Array {
    if (this.written !== this.frames) throw badInput(`${this.written} frames written, the header declares ${this.frames}`);
    return new Uint8Array(this.dataBytes & 1);
  }
}

function checkWritable(audio: AudioData): void {
  const { sampleRate, channels } = audio;
  if (channels.length === 0) throw badInput('cannot write a WAV with no channels');
  if (channels.length > 0xffff) throw badInput(`cannot write ${channels.length} channels to a WAV`);
  if (!Number.isInteger(sampleRate) || sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    throw badInput(`cannot write sample rate ${sampleRate} (a whole number ${MIN_SAMPLE_RATE}..${MAX_SAMPLE_RATE} Hz)`);
  }
  const length = channels[0].length;
  channels.forEach((channel, c) => {
    if (channel.length !== length) throw badInput(`channel ${c + 1} has ${channel.length} samples, channel 1 has ${length}`);
    for (let i = 0; i < channel.length; i++) {
      const v = channel[i];
      if (v - v !== 0) {
        const kind = Number.isNaN(v) ? 'NaN' : 'Inf';
        throw badInput(`audio to write contains ${kind} samples at ${(i / sampleRate).toFixed(2)} s (channel ${c + 1})`);
      }
    }
  });
  // The RIFF size field is 32-bit: refuse rather than wrap around.
  if (length * channels.length * 4 > 0xffffffff - 4096) throw badInput('audio is too long for a WAV file (over 4 GB)');
}

function encodeFloat(channels: readonly Float32Array[], view: DataView, start: number, end: number): void {
  const channelCount = channels.length;
  for (let c = 0; c < channelCount; c++) {
    const channel = channels[c];
    for (let i = start, offset = c * 4; i < end; i++, offset += channelCount * 4) {
      view.setFloat32(offset, channel[i], true);
    }
  }
}

/** Scales by 2^(bits−1), the inverse of the reader, so integer files round-trip exactly; clamps. */
function encodeInteger(channels: readonly Float32Array[], view: DataView, bits: 16 | 24, start: number, end: number, random?: () => number): void {
  const channelCount = channels.length;
  const scale = 2 ** (bits - 1);
  const max = scale - 1;
  const min = -scale;
  const stride = channelCount * (bits / 8);
  // Frame-major order so that the dither sequence does not depend on how channels are stored.
  for (let i = start; i < end; i++) {
    for (let c = 0; c < channelCount; c++) {
      let v = channels[c][i] * scale;
      if (random !== undefined) v += random() - random();
      let q = Math.round(v);
      if (q > max) q = max;
      else if (q < min) q = min;
      const offset = (i - start) * stride + c * (bits / 8);
      if (bits === 16) {
        view.setInt16(offset, q, true);
      } else {
        view.setUint16(offset, q & 0xffff, true);
        view.setInt8(offset + 2, q >> 16);
      }
    }
  }
}
