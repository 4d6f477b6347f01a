/**
 * The WAV `fmt ` chunk on its own: every limit at its edge (accepted just inside, refused just
 * outside, with the line a user reads), the extensible layout, and the exact bytes Alea writes.
 */
import { describe, expect, it } from 'vitest';
import {
  encodeFmtChunk,
  MAX_CHANNELS,
  MAX_SAMPLE_RATE,
  MIN_SAMPLE_RATE,
  parseFmtChunk,
  WAVE_FORMAT_EXTENSIBLE,
  WAVE_FORMAT_IEEE_FLOAT,
  WAVE_FORMAT_PCM,
} from '../../../src/core/audio/wav-format.ts';
import { AleaError } from '../../../src/core/errors.ts';

const GUID_TAIL = [0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71];

interface Fields {
  code?: number;
  channels?: number;
  sampleRate?: number;
  bits?: number;
  blockAlign?: number;
  /** WAVE_FORMAT_EXTENSIBLE: sub-format code, valid bits, speaker mask */
  extensible?: { subCode: number; validBits: number; mask: number };
  length?: number;
}

function fmt(f: Fields = {}): Uint8Array {
  const { code = WAVE_FORMAT_PCM, channels = 2, sampleRate = 44100, bits = 16 } = f;
  const body = new Uint8Array(f.length ?? (f.extensible ? 40 : 16));
  const view = new DataView(body.buffer);
  const blockAlign = f.blockAlign ?? channels * Math.ceil(bits / 8);
  view.setUint16(0, f.extensible ? WAVE_FORMAT_EXTENSIBLE : code, true);
  view.setUint16(2, channels, true);
  view.setUint32(4, sampleRate, true);
  view.setUint32(8, sampleRate * blockAlign, true);
  view.setUint16(12, blockAlign, true);
  view.setUint16(14, bits, true);
  if (f.extensible && body.byteLength >= 40) {
    view.setUint16(16, 22, true);
    view.setUint16(18, f.extensible.validBits, true);
    view.setUint32(20, f.extensible.mask, true);
    view.setUint16(24, f.extensible.subCode, true);
    body.set(GUID_TAIL, 26);
  }
  return body;
}

function refusal(body: Uint8Array): string {
  try {
    parseFmtChunk(body);
  } catch (error) {
    expect(error).toBeInstanceOf(AleaError);
    expect((error as AleaError).kind).toBe('bad-input');
    return (error as AleaError).message;
  }
  throw new Error('the fmt chunk was accepted');
}

describe('parseFmtChunk: what it reads', () => {
  it('reads plain 16-bit stereo PCM field by field', () => {
    expect(parseFmtChunk(fmt())).toEqual({ sampleFormat: 'pcm', channels: 2, sampleRate: 44100, blockAlign: 4, containerBytes: 2, validBits: 16, channelMask: undefined });
  });

  it('reads 32- and 64-bit float', () => {
    expect(parseFmtChunk(fmt({ code: WAVE_FORMAT_IEEE_FLOAT, bits: 32, channels: 1 }))).toMatchObject({ sampleFormat: 'float', containerBytes: 4, blockAlign: 4, validBits: 32 });
    expect(parseFmtChunk(fmt({ code: WAVE_FORMAT_IEEE_FLOAT, bits: 64, channels: 2 }))).toMatchObject({ sampleFormat: 'float', containerBytes: 8, blockAlign: 16 });
  });

  it('reads every PCM depth from 1 to 32 bits, in whole bytes', () => {
    expect(parseFmtChunk(fmt({ bits: 1, channels: 1 }))).toMatchObject({ containerBytes: 1, validBits: 1 });
    expect(parseFmtChunk(fmt({ bits: 12, channels: 1 }))).toMatchObject({ containerBytes: 2, validBits: 12 });
    expect(parseFmtChunk(fmt({ bits: 24, channels: 3 }))).toMatchObject({ containerBytes: 3, blockAlign: 9 });
    expect(parseFmtChunk(fmt({ bits: 32, channels: 1 }))).toMatchObject({ containerBytes: 4, validBits: 32 });
  });

  it('accepts the rate and channel limits themselves', () => {
    expect(parseFmtChunk(fmt({ sampleRate: MIN_SAMPLE_RATE })).sampleRate).toBe(1000);
    expect(parseFmtChunk(fmt({ sampleRate: MAX_SAMPLE_RATE })).sampleRate).toBe(768000);
    expect(parseFmtChunk(fmt({ channels: 1 })).channels).toBe(1);
    expect(parseFmtChunk(fmt({ channels: MAX_CHANNELS })).channels).toBe(256);
  });

  it('reads an extensible header: sub-format, valid bits and speaker mask', () => {
    const f = parseFmtChunk(fmt({ bits: 24, channels: 6, extensible: { subCode: WAVE_FORMAT_PCM, validBits: 20, mask: 0x3f } }));
    expect(f).toEqual({ sampleFormat: 'pcm', channels: 6, sampleRate: 44100, blockAlign: 18, containerBytes: 3, validBits: 20, channelMask: 0x3f });
    const float = parseFmtChunk(fmt({ bits: 32, channels: 2, extensible: { subCode: WAVE_FORMAT_IEEE_FLOAT, validBits: 32, mask: 0x3 } }));
    expect(float).toMatchObject({ sampleFormat: 'float', validBits: 32, channelMask: 3 });
  });

  it('takes the container size as valid bits when an extensible header says 0', () => {
    expect(parseFmtChunk(fmt({ bits: 16, extensible: { subCode: WAVE_FORMAT_PCM, validBits: 0, mask: 3 } })).validBits).toBe(16);
  });

  it('ignores bytes after the fields it needs (an 18-byte chunk with cbSize)', () => {
    expect(parseFmtChunk(fmt({ length: 18 }))).toMatchObject({ sampleFormat: 'pcm', channels: 2, validBits: 16 });
  });
});

describe('parseFmtChunk: what it refuses, in one line saying why', () => {
  it('a chunk shorter than 16 bytes (15), or an extensible one shorter than 40 (39)', () => {
    expect(refusal(fmt().subarray(0, 15))).toBe('fmt chunk is too short (15 bytes, needs at least 16)');
    expect(refusal(fmt({ extensible: { subCode: 1, validBits: 16, mask: 3 } }).subarray(0, 39))).toBe('fmt chunk of an extensible WAV is too short (39 bytes, needs 40)');
  });

  it('an extensible header whose sub-format GUID differs in any byte', () => {
    const good = fmt({ extensible: { subCode: 1, validBits: 16, mask: 3 } });
    for (let i = 0; i < GUID_TAIL.length; i++) {
      const bad = good.slice();
      bad[26 + i] ^= 0x01;
      expect(refusal(bad), `byte ${26 + i}`).toBe('extensible WAV has an unknown sub-format GUID');
    }
  });

  it('encodings it does not decode, named when known, by code always', () => {
    expect(refusal(fmt({ code: 0x0002 }))).toBe('unsupported WAV encoding: Microsoft ADPCM (format code 0x0002); only PCM and IEEE float are read');
    expect(refusal(fmt({ code: 0x0055 }))).toBe('unsupported WAV encoding: MP3 (format code 0x0055); only PCM and IEEE float are read');
    expect(refusal(fmt({ code: 0xf1ac }))).toBe('unsupported WAV encoding: FLAC (format code 0xf1ac); only PCM and IEEE float are read');
    expect(refusal(fmt({ code: 0 }))).toBe('unsupported WAV encoding: unknown (0) (format code 0x0000); only PCM and IEEE float are read');
    expect(refusal(fmt({ code: 0x1234 }))).toBe('unsupported WAV encoding: format code 0x1234; only PCM and IEEE float are read');
    expect(refusal(fmt({ extensible: { subCode: 0x0007, validBits: 8, mask: 3 }, bits: 8 }))).toContain('mu-law (format code 0x0007)');
  });

  it('every encoding it knows by name is named', () => {
    const named: [number, string][] = [
      [0x0000, 'unknown (0)'], [0x0002, 'Microsoft ADPCM'], [0x0006, 'A-law'], [0x0007, 'mu-law'], [0x0011, 'IMA ADPCM'],
      [0x0016, 'ITU G.723 ADPCM'], [0x0031, 'GSM 6.10'], [0x0040, 'G.721 ADPCM'], [0x0050, 'MPEG'], [0x0055, 'MP3'],
      [0x0092, 'Dolby AC-3'], [0x0161, 'Windows Media Audio'], [0x00ff, 'AAC'], [0x1610, 'HE-AAC'], [0xf1ac, 'FLAC'],
    ];
    for (const [code, name] of named) expect(refusal(fmt({ code }))).toContain(`: ${name} (format code 0x${code.toString(16).padStart(4, '0')})`);
  });

  it('0 channels or more than 256', () => {
    expect(refusal(fmt({ channels: 0, blockAlign: 0 }))).toBe('fmt chunk declares 0 channels');
    expect(refusal(fmt({ channels: MAX_CHANNELS + 1 }))).toBe('fmt chunk declares 257 channels (at most 256)');
  });

  it('a rate just outside 1000..768000 Hz', () => {
    expect(refusal(fmt({ sampleRate: MIN_SAMPLE_RATE - 1 }))).toBe('absurd sample rate 999 Hz (expected 1000..768000)');
    expect(refusal(fmt({ sampleRate: MAX_SAMPLE_RATE + 1 }))).toBe('absurd sample rate 768001 Hz (expected 1000..768000)');
  });

  it('PCM of 0 bits or over 32; float other than 32 or 64 bits', () => {
    expect(refusal(fmt({ bits: 0, blockAlign: 0 }))).toBe('unsupported PCM bit depth 0 (1..32 bits are read)');
    expect(refusal(fmt({ bits: 33 }))).toBe('unsupported PCM bit depth 33 (1..32 bits are read)');
    expect(refusal(fmt({ code: WAVE_FORMAT_IEEE_FLOAT, bits: 16 }))).toBe('unsupported float bit depth 16 (32 or 64 are read)');
    expect(refusal(fmt({ code: WAVE_FORMAT_IEEE_FLOAT, bits: 48 }))).toBe('unsupported float bit depth 48 (32 or 64 are read)');
  });

  it('more valid bits than the sample holds (equal is fine)', () => {
    expect(refusal(fmt({ bits: 16, extensible: { subCode: 1, validBits: 17, mask: 3 } }))).toBe('fmt chunk declares 17 valid bits in a 16-bit sample');
    expect(parseFmtChunk(fmt({ bits: 16, extensible: { subCode: 1, validBits: 16, mask: 3 } })).validBits).toBe(16);
  });

  it('a block align that is not channels × bytes per sample, either way', () => {
    expect(refusal(fmt({ channels: 2, bits: 16, blockAlign: 3 }))).toBe('block align 3 does not match 2 channel(s) × 2 bytes (expected 4)');
    expect(refusal(fmt({ channels: 2, bits: 16, blockAlign: 5 }))).toBe('block align 5 does not match 2 channel(s) × 2 bytes (expected 4)');
  });
});

describe('encodeFmtChunk: the bytes Alea writes', () => {
  it('16-bit stereo PCM: the 16-byte plain header every reader knows', () => {
    expect([...encodeFmtChunk('pcm', 2, 48000, 16)]).toEqual([
      0x01, 0x00, 0x02, 0x00, // PCM, 2 channels
      0x80, 0xbb, 0x00, 0x00, // 48000 Hz
      0x00, 0xee, 0x02, 0x00, // 192000 bytes/s
      0x04, 0x00, 0x10, 0x00, // block align 4, 16 bits
    ]);
  });

  it('32-bit float mono: the float code and a zero cbSize (18 bytes)', () => {
    const body = encodeFmtChunk('float', 1, 44100, 32);
    expect(body.byteLength).toBe(18);
    const view = new DataView(body.buffer);
    expect(view.getUint16(0, true)).toBe(WAVE_FORMAT_IEEE_FLOAT);
    expect(view.getUint32(8, true)).toBe(176400);
    expect(view.getUint16(12, true)).toBe(4);
    expect(view.getUint16(16, true)).toBe(0);
  });

  it('more than two channels: extensible, cbSize 22, valid bits, the speaker mask and the sub-format GUID', () => {
    const body = encodeFmtChunk('pcm', 6, 48000, 24);
    expect(body.byteLength).toBe(40);
    const view = new DataView(body.buffer);
    expect(view.getUint16(0, true)).toBe(WAVE_FORMAT_EXTENSIBLE);
    expect(view.getUint16(2, true)).toBe(6);
    expect(view.getUint32(8, true)).toBe(48000 * 18);
    expect(view.getUint16(12, true)).toBe(18);
    expect(view.getUint16(14, true)).toBe(24);
    expect(view.getUint16(16, true)).toBe(22);
    expect(view.getUint16(18, true)).toBe(24);
    expect(view.getUint32(20, true)).toBe(0x3f);
    expect(view.getUint16(24, true)).toBe(WAVE_FORMAT_PCM);
    expect([...body.subarray(26)]).toEqual(GUID_TAIL);
    expect(new DataView(encodeFmtChunk('float', 3, 44100, 32).buffer).getUint16(24, true)).toBe(WAVE_FORMAT_IEEE_FLOAT);
  });

  it('speaker masks for 1 to 8 channels; none for other counts', () => {
    const mask = (channels: number): number => new DataView(encodeFmtChunk('pcm', channels, 44100, 16).buffer).getUint32(20, true);
    expect([3, 4, 5, 6, 7, 8, 9].map(mask)).toEqual([0x7, 0x33, 0x37, 0x3f, 0x70f, 0x63f, 0]);
  });

  it('reads back as what was asked, for every format it writes', () => {
    for (const [format, bits] of [['pcm', 16], ['pcm', 24], ['float', 32]] as const) {
      for (const channels of [1, 2, 3, 8]) {
        const f = parseFmtChunk(encodeFmtChunk(format, channels, 44100, bits));
        expect(f).toMatchObject({ sampleFormat: format, channels, sampleRate: 44100, containerBytes: bits / 8, validBits: bits, blockAlign: (channels * bits) / 8 });
      }
    }
  });
});
