/**
 * Reading WAV files: PCM 8/16/24/32-bit (and odd widths such as 12 or 20 bits in their byte
 * containers), IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE, any channel count and sample rate.
 *
 * Samples are decoded by hand with DataView rather than through `wavefile`: the chunks are
 * already walked and checked here, and decoding straight into planar Float32Array channels
 * avoids the library's interleaved 64-bit copy of the whole file.
 */
import { AleaError, badInput } from '../errors.ts';
import type { Provenance } from '../provenance.ts';
import type { AudioData } from './audio-data.ts';
import { walkRiff, type RiffChunk } from './riff.ts';
import { parseFmtChunk, type SampleFormat, type WavFormat } from './wav-format.ts';
import { decodeInfoChunk, decodeIxmlChunk, provenanceFromChunks } from './wav-metadata.ts';

export const MAX_WAV_BYTES = 1024 * 1024 * 1024;

export interface WavInfo {
  format: SampleFormat;
  /** significant bits per sample (e.g. 24, or 20 for 20-bit audio in 24-bit containers) */
  bitDepth: number;
  channels: number;
  sampleRate: number;
}

export interface WavReadResult {
  audio: AudioData;
  provenance?: Provenance;
  info: WavInfo;
}

/**
 * Decodes a WAV file. Every problem is an AleaError of kind 'bad-input' with one line saying
 * what is wrong (prefixed by `fileName` when given).
 *
 * Rules for streams whose sizes were never filled in, or files cut short:
 *  - a data chunk running past the end of the file is read up to the end (whole frames only)
 *    when the RIFF size also runs past the end, or is the placeholder 0 / 0xFFFFFFFF; when the
 *    RIFF size says the file ends where it does, the data size contradicts it: refused;
 *  - a data size of 0 under a placeholder RIFF size means "to the end of the file".
 */
export function readWav(bytes: Uint8Array, fileName?: string): WavReadResult {
  try {
    return decodeWav(bytes);
  } catch (error) {
    if (error instanceof AleaError && fileName !== undefined) throw error.inFile(fileName);
    throw error;
  }
}

/** A checked WAV file before its samples are decoded: the format, the sample bytes, the metadata. */
export interface WavLayout {
  format: WavFormat;
  /** the interleaved sample bytes (a view into the file, never a copy) */
  data: Uint8Array;
  info: WavInfo;
  provenance?: Provenance;
}

/**
 * Walks and checks a WAV file without decoding a sample (see readWav for the rules). Throws the
 * same one-line AleaErrors as readWav, without the file name.
 */
export function locateWav(bytes: Uint8Array): WavLayout {
  if (bytes.byteLength > MAX_WAV_BYTES) {
    throw badInput(`file is ${(bytes.byteLength / 2 ** 30).toFixed(2)} GiB; WAV files up to 1 GiB are read`);
  }
  const walk = walkRiff(bytes, 'WAVE', 'WAV');
  const fmtChunk = walk.chunks.find((c) => c.id === 'fmt ');
  const dataChunk = walk.chunks.find((c) => c.id === 'data');
  const brokenLast = walk.chunks.at(-1);

  if (fmtChunk === undefined || dataChunk === undefined) {
    // A walk that stopped early explains a missing chunk better than "missing".
    if (brokenLast?.cutShort === true) throw cutShortError(brokenLast);
    if (walk.unreadableAt !== undefined) throw badInput(`unreadable chunk header at byte ${walk.unreadableAt}`);
    throw badInput(fmtChunk === undefined ? 'no fmt chunk: not a valid WAV file' : 'no data chunk: the file holds no audio');
  }
  if (fmtChunk.cutShort) throw cutShortError(fmtChunk);
  const format = parseFmtChunk(fmtChunk.body);

  // A writer streaming to a pipe cannot go back to fill in sizes: it leaves RIFF size 0 or 0xFFFFFFFF.
  const sizesUnknown = walk.riffSize === 0 || walk.riffSize === 0xffffffff;
  if (dataChunk.cutShort && !sizesUnknown && 8 + walk.riffSize <= bytes.byteLength) {
    throw badInput(`data chunk declares ${dataChunk.declaredSize} bytes but only ${dataChunk.body.byteLength} follow in the file`);
  }
  // Data size left at 0 in such a stream: the audio runs to the end of the file.
  const readToEnd = sizesUnknown && dataChunk.declaredSize === 0;
  const data = readToEnd ? bytes.subarray(dataChunk.headerOffset + 8) : dataChunk.body;

  // Metadata chunks are read only when whole; a cut-short trailing chunk leaves the audio intact.
  let info: Record<string, string> = {};
  let ixml: Provenance | undefined;
  for (const chunk of walk.chunks) {
    if (chunk.cutShort || (readToEnd && chunk.headerOffset > dataChunk.headerOffset)) continue;
    if (chunk.id === 'LIST') info = { ...info, ...decodeInfoChunk(chunk.body) };
    else if (chunk.id === 'iXML') ixml = decodeIxmlChunk(chunk.body);
  }
  const layout: WavLayout = {
    format,
    data,
    info: { format: format.sampleFormat, bitDepth: format.validBits, channels: format.channels, sampleRate: format.sampleRate },
  };
  const provenance = provenanceFromChunks(info, ixml);
  if (provenance !== undefined) layout.provenance = provenance;
  return layout;
}

function decodeWav(bytes: Uint8Array): WavReadResult {
  const { format, data, info, provenance } = locateWav(bytes);
  const channels = decodeSamples(data, format);
  if (format.sampleFormat === 'float') checkFinite(channels, format.sampleRate);
  const result: WavReadResult = { audio: { sampleRate: format.sampleRate, channels }, info };
  if (provenance !== undefined) result.provenance = provenance;
  return result;
}

function cutShortError(chunk: RiffChunk): AleaError {
  return badInput(
    `file is cut short inside the '${chunk.id.trim()}' chunk (declares ${chunk.declaredSize} bytes, ${chunk.body.byteLength} present)`,
  );
}

/** Decodes interleaved frames into planar channels; a trailing partial frame is dropped. */
function decodeSamples(data: Uint8Array, format: WavFormat): Float32Array[] {
  const { channels: channelCount, blockAlign, containerBytes } = format;
  const frames = Math.floor(data.byteLength / blockAlign);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const channels: Float32Array[] = [];
  for (let c = 0; c < channelCount; c++) channels.push(new Float32Array(frames));
  const read = sampleReader(view, format.sampleFormat, containerBytes);
  for (let c = 0; c < channelCount; c++) {
    const out = channels[c];
    let offset = c * containerBytes;
    for (let i = 0; i < frames; i++, offset += blockAlign) out[i] = read(offset);
  }
  return channels;
}

/** Full-scale conventions: integers divide by 2^(bits−1) (8-bit is unsigned, centred on 128). */
export function sampleReader(view: DataView, sampleFormat: SampleFormat, containerBytes: number): (offset: number) => number {
  if (sampleFormat === 'float') {
    return containerBytes === 8 ? (o) => view.getFloat64(o, true) : (o) => view.getFloat32(o, true);
  }
  switch (containerBytes) {
    case 1:
      return (o) => (view.getUint8(o) - 128) / 128;
    case 2:
      return (o) => view.getInt16(o, true) / 32768;
    case 3:
      return (o) => ((view.getInt8(o + 2) << 16) | view.getUint16(o, true)) / 8388608;
    default:
      return (o) => view.getInt32(o, true) / 2147483648;
  }
}

function checkFinite(channels: Float32Array[], sampleRate: number): void {
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
  if (first >= 0) throw badInput(`float data contains ${kind} samples at ${(first / sampleRate).toFixed(2)} s`);
}
