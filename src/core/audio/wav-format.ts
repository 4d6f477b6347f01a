/**
 * The WAV `fmt ` chunk: parsing it with checks that name what is wrong, and writing it.
 */
import { badInput } from '../errors.ts';

export type SampleFormat = 'pcm' | 'float';

export interface WavFormat {
  sampleFormat: SampleFormat;
  channels: number;
  sampleRate: number;
  /** bytes per frame (all channels) */
  blockAlign: number;
  /** bytes each sample occupies */
  containerBytes: number;
  /** significant bits (≤ containerBytes × 8) */
  validBits: number;
  /** speaker positions (WAVE_FORMAT_EXTENSIBLE only) */
  channelMask?: number;
}

export const WAVE_FORMAT_PCM = 0x0001;
export const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
export const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
export const MIN_SAMPLE_RATE = 1000;
export const MAX_SAMPLE_RATE = 768000;
export const MAX_CHANNELS = 256;

/** Names of common codes we do not decode, so the error can say which one it met. */
const UNSUPPORTED_CODES: Record<number, string> = {
  0x0000: 'unknown (0)',
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'mu-law',
  0x0011: 'IMA ADPCM',
  0x0016: 'ITU G.723 ADPCM',
  0x0031: 'GSM 6.10',
  0x0040: 'G.721 ADPCM',
  0x0050: 'MPEG',
  0x0055: 'MP3',
  0x0092: 'Dolby AC-3',
  0x0161: 'Windows Media Audio',
  0x00ff: 'AAC',
  0x1610: 'HE-AAC',
  0xf1ac: 'FLAC',
};

/** The tail shared by every KSDATAFORMAT_SUBTYPE GUID after its 2-byte format code. */
const SUBTYPE_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

function hex(code: number): string {
  return `0x${code.toString(16).padStart(4, '0')}`;
}

function describeCode(code: number): string {
  const name = UNSUPPORTED_CODES[code];
  return name === undefined ? `format code ${hex(code)}` : `${name} (format code ${hex(code)})`;
}

export function parseFmtChunk(body: Uint8Array): WavFormat {
  if (body.byteLength < 16) {
    throw badInput(`fmt chunk is too short (${body.byteLength} bytes, needs at least 16)`);
  }
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let code = view.getUint16(0, true);
  const channels = view.getUint16(2, true);
  const sampleRate = view.getUint32(4, true);
  const blockAlign = view.getUint16(12, true);
  const bitsPerSample = view.getUint16(14, true);
  let validBits = bitsPerSample;
  let channelMask: number | undefined;

  if (code === WAVE_FORMAT_EXTENSIBLE) {
    if (body.byteLength < 40) {
      throw badInput(`fmt chunk of an extensible WAV is too short (${body.byteLength} bytes, needs 40)`);
    }
    validBits = view.getUint16(18, true) || bitsPerSample;
    channelMask = view.getUint32(20, true);
    code = view.getUint16(24, true);
    for (let i = 0; i < SUBTYPE_GUID_TAIL.length; i++) {
      if (body[26 + i] !== SUBTYPE_GUID_TAIL[i]) throw badInput('extensible WAV has an unknown sub-format GUID');
    }
  }
  let sampleFormat: SampleFormat;
  if (code === WAVE_FORMAT_PCM) sampleFormat = 'pcm';
  else if (code === WAVE_FORMAT_IEEE_FLOAT) sampleFormat = 'float';
  else throw badInput(`unsupported WAV encoding: ${describeCode(code)}; only PCM and IEEE float are read`);

  if (channels === 0) throw badInput('fmt chunk declares 0 channels');
  if (channels > MAX_CHANNELS) throw badInput(`fmt chunk declares ${channels} channels (at most ${MAX_CHANNELS})`);
  if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    throw badInput(`absurd sample rate ${sampleRate} Hz (expected ${MIN_SAMPLE_RATE}..${MAX_SAMPLE_RATE})`);
  }
  const containerBytes = Math.ceil(bitsPerSample / 8);
  if (sampleFormat === 'pcm' && (bitsPerSample < 1 || containerBytes > 4)) {
    throw badInput(`unsupported PCM bit depth ${bitsPerSample} (1..32 bits are read)`);
  }
  if (sampleFormat === 'float' && bitsPerSample !== 32 && bitsPerSample !== 64) {
    throw badInput(`unsupported float bit depth ${bitsPerSample} (32 or 64 are read)`);
  }
  if (validBits > bitsPerSample) {
    throw badInput(`fmt chunk declares ${validBits} valid bits in a ${bitsPerSample}-bit sample`);
  }
  if (blockAlign !== channels * containerBytes) {
    throw badInput(
      `block align ${blockAlign} does not match ${channels} channel(s) × ${containerBytes} bytes (expected ${channels * containerBytes})`,
    );
  }
  return { sampleFormat, channels, sampleRate, blockAlign, containerBytes, validBits, channelMask };
}

/** Speaker masks for the usual layouts (mono … 7.1); other counts leave positions unassigned. */
const CHANNEL_MASKS: Record<number, number> = { 1: 0x4, 2: 0x3, 3: 0x7, 4: 0x33, 5: 0x37, 6: 0x3f, 7: 0x70f, 8: 0x63f };

/**
 * Encodes a fmt chunk. Mono and stereo use the plain PCM / float codes that every reader knows;
 * more channels use WAVE_FORMAT_EXTENSIBLE, which carries the speaker mask.
 */
export function encodeFmtChunk(sampleFormat: SampleFormat, channels: number, sampleRate: number, bits: number): Uint8Array {
  const code = sampleFormat === 'pcm' ? WAVE_FORMAT_PCM : WAVE_FORMAT_IEEE_FLOAT;
  const extensible = channels > 2;
  // PCM has no cbSize field; float and extensible carry one (0 and 22).
  const size = extensible ? 40 : sampleFormat === 'float' ? 18 : 16;
  const body = new Uint8Array(size);
  const view = new DataView(body.buffer);
  const blockAlign = channels * (bits / 8);
  view.setUint16(0, extensible ? WAVE_FORMAT_EXTENSIBLE : code, true);
  view.setUint16(2, channels, true);
  view.setUint32(4, sampleRate, true);
  view.setUint32(8, sampleRate * blockAlign, true);
  view.setUint16(12, blockAlign, true);
  view.setUint16(14, bits, true);
  if (extensible) {
    view.setUint16(16, 22, true);
    view.setUint16(18, bits, true);
    view.setUint32(20, CHANNEL_MASKS[channels] ?? 0, true);
    view.setUint16(24, code, true);
    body.set(SUBTYPE_GUID_TAIL, 26);
  }
  return body;
}
