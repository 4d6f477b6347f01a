import { describe, expect, it } from 'vitest';
import { buildRiff, readWav } from '../../../src/core/audio/index.ts';

interface FmtFields {
  code: number;
  channels: number;
  sampleRate: number;
  bits: number;
  /** for WAVE_FORMAT_EXTENSIBLE: the sub-format code and valid bits */
  extensible?: { subCode: number; validBits: number; mask: number };
}

function fmt(f: FmtFields): Uint8Array {
  const body = new Uint8Array(f.extensible ? 40 : 16);
  const view = new DataView(body.buffer);
  const blockAlign = f.channels * Math.ceil(f.bits / 8);
  view.setUint16(0, f.extensible ? 0xfffe : f.code, true);
  view.setUint16(2, f.channels, true);
  view.setUint32(4, f.sampleRate, true);
  view.setUint32(8, f.sampleRate * blockAlign, true);
  view.setUint16(12, blockAlign, true);
  view.setUint16(14, f.bits, true);
  if (f.extensible) {
    view.setUint16(16, 22, true);
    view.setUint16(18, f.extensible.validBits, true);
    view.setUint32(20, f.extensible.mask, true);
    view.setUint16(24, f.extensible.subCode, true);
    body.set([0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71], 26);
  }
  return body;
}

/** Interleaved frames written by `put(view, byteOffset, value)`. */
function data(frames: number[][], bytesPerSample: number, put: (v: DataView, o: number, x: number) => void): Uint8Array {
  const body = new Uint8Array(frames.length * frames[0].length * bytesPerSample);
  const view = new DataView(body.buffer);
  let offset = 0;
  for (const frame of frames) {
    for (const value of frame) {
      put(view, offset, value);
      offset += bytesPerSample;
    }
  }
  return body;
}

describe('reading PCM and float variants', () => {
  it('reads 8-bit unsigned PCM centred on 128', () => {
    const bytes = buildRiff('WAVE', [
      { id: 'fmt ', body: fmt({ code: 1, channels: 1, sampleRate: 8000, bits: 8 }) },
      { id: 'data', body: Uint8Array.of(128, 255, 0, 192, 64) }, // odd size: RIFF pads it
    ]);
    const { audio, info } = readWav(bytes);
    expect(info).toEqual({ format: 'pcm', bitDepth: 8, channels: 1, sampleRate: 8000 });
    expect(Array.from(audio.channels[0])).toEqual([0, 127 / 128, -1, 0.5, -0.5]);
  });

  it('reads 32-bit integer stereo', () => {
    const frames = [[0, -2147483648], [1073741824, 2147483647], [-1073741824, 1]];
    const bytes = buildRiff('WAVE', [
      { id: 'fmt ', body: fmt({ code: 1, channels: 2, sampleRate: 44100, bits: 32 }) },
      { id: 'data', body: data(frames, 4, (v, o, x) => v.setInt32(o, x, true)) },
    ]);
    const { audio, info } = readWav(bytes);
    expect(info.bitDepth).toBe(32);
    expect(Array.from(audio.channels[0])).toEqual([0, 0.5, -0.5]);
    expect(audio.channels[1][0]).toBe(-1);
    expect(audio.channels[1][1]).toBeCloseTo(1, 6);
  });

  it('reads 24-bit negative samples with sign extension', () => {
    const bytes = buildRiff('WAVE', [
      { id: 'fmt ', body: fmt({ code: 1, channels: 1, sampleRate: 48000, bits: 24 }) },
      { id: 'data', body: Uint8Array.of(0x00, 0x00, 0x80, 0xff, 0xff, 0xff, 0x00, 0x00, 0x40) },
    ]);
    expect(Array.from(readWav(bytes).audio.channels[0])).toEqual([-1, -1 / 8388608, 0.5]);
  });

  it('reads 64-bit float (to 32-bit precision)', () => {
    const bytes = buildRiff('WAVE', [
      { id: 'fmt ', body: fmt({ code: 3, channels: 1, sampleRate: 96000, bits: 64 }) },
      { id: 'data', body: data([[0.1], [-1.25], [0]], 8, (v, o, x) => v.setFloat64(o, x, true)) },
    ]);
    const { audio, info } = readWav(bytes);
    expect(info).toEqual({ format: 'float', bitDepth: 64, channels: 1, sampleRate: 96000 });
    expect(Array.from(audio.channels[0])).toEqual([Math.fround(0.1), -1.25, 0]);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE: 20 valid bits in 24-bit containers, 3 channels, odd rate', () => {
    // 20-bit samples are left-justified in their containers: half scale 2^18 is stored as 2^22.
    const frames = [[0x40000 << 4, 0, -(0x20000 << 4)]];
    const bytes = buildRiff('WAVE', [
      { id: 'fmt ', body: fmt({ code: 1, channels: 3, sampleRate: 11025, bits: 24, extensible: { subCode: 1, validBits: 20, mask: 7 } }) },
      { id: 'data', body: data(frames, 3, (v, o, x) => { v.setUint16(o, x & 0xffff, true); v.setInt8(o + 2, x >> 16); }) },
    ]);
    const { audio, info } = readWav(bytes);
    expect(info).toEqual({ format: 'pcm', bitDepth: 20, channels: 3, sampleRate: 11025 });
    expect(audio.channels.map((c) => c[0])).toEqual([0.5, 0, -0.25]);
  });

  it('reads extensible float and refuses an extensible mu-law by name', () => {
    const floatFile = buildRiff('WAVE', [
      { id: 'fmt ', body: fmt({ code: 3, channels: 1, sampleRate: 22050, bits: 32, extensible: { subCode: 3, validBits: 32, mask: 4 } }) },
      { id: 'data', body: data([[0.25]], 4, (v, o, x) => v.setFloat32(o, x, true)) },
    ]);
    expect(readWav(floatFile).audio.channels[0][0]).toBe(0.25);
    const muLaw = buildRiff('WAVE', [
      { id: 'fmt ', body: fmt({ code: 3, channels: 1, sampleRate: 8000, bits: 8, extensible: { subCode: 7, validBits: 8, mask: 4 } }) },
      { id: 'data', body: new Uint8Array(8) },
    ]);
    expect(() => readWav(muLaw, 'call.wav')).toThrow(/mu-law/);
  });

  it('drops a trailing partial frame', () => {
    const bytes = buildRiff('WAVE', [
      { id: 'fmt ', body: fmt({ code: 1, channels: 2, sampleRate: 8000, bits: 16 }) },
      { id: 'data', body: new Uint8Array(4 * 3 + 2) },
    ]);
    expect(readWav(bytes).audio.channels[1].length).toBe(3);
  });
});

describe('provenance of files from other tools', () => {
  function withInfo(fields: Record<string, string>): Uint8Array {
    const parts: number[] = [...new TextEncoder().encode('INFO')];
    for (const [id, text] of Object.entries(fields)) {
      const body = new TextEncoder().encode(`${text}\0`);
      const size = [body.length & 0xff, (body.length >> 8) & 0xff, 0, 0];
      parts.push(...new TextEncoder().encode(id), ...size, ...body, ...(body.length % 2 === 1 ? [0] : []));
    }
    return buildRiff('WAVE', [
      { id: 'fmt ', body: fmt({ code: 1, channels: 1, sampleRate: 8000, bits: 16 }) },
      { id: 'LIST', body: Uint8Array.from(parts) },
      { id: 'data', body: new Uint8Array(4) },
    ]);
  }

  it('reports the software that made a foreign file', () => {
    expect(readWav(withInfo({ ISFT: 'Lavf60.3.100', ICMT: 'recorded at home' })).provenance).toEqual({ generator: 'Lavf60.3.100' });
  });

  it('parses an Alea INFO comment when the iXML chunk was stripped', () => {
    const { provenance } = readWav(withInfo({ ICMT: 'generator=Alea 0.1.0 morph; seed=7; t=0.5' }));
    expect(provenance).toEqual({ generator: 'Alea 0.1.0 morph', seed: 7, params: { t: '0.5' } });
  });

  it('has none when a file says nothing', () => {
    expect(readWav(withInfo({ INAM: 'Take 3' })).provenance).toBeUndefined();
  });
});
