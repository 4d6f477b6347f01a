import { describe, expect, it } from 'vitest';
import { readWav } from '../../../src/core/audio/wav-read.ts';
import { wavPieces, writeWav, type WavBitDepth } from '../../../src/core/audio/wav-write.ts';

function joined(pieces: Iterable<Uint8Array>): Uint8Array {
  const list = [...pieces];
  const out = new Uint8Array(list.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of list) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

describe('a WAV streamed out in blocks', () => {
  const frames = 1001; // odd: a 24-bit mono data chunk needs its pad byte
  const ramp = Float32Array.from({ length: frames }, (_, i) => Math.sin(i / 7) * 0.8);
  const provenance = { generator: 'Alea test', params: { a: 1 }, seed: 5 };

  it('has exactly the bytes of the whole-file writer, for every format, dither and channel count', () => {
    for (const bitDepth of [16, 24, '32f'] as WavBitDepth[]) {
      for (const channels of [[ramp], [ramp, ramp.map((v) => -v)]]) {
        for (const dither of [false, true]) {
          const audio = { sampleRate: 44100, channels };
          const whole = writeWav(audio, { bitDepth, provenance, dither });
          const streamed = joined(wavPieces(audio, { bitDepth, provenance, dither }, 64));
          expect(Buffer.compare(Buffer.from(streamed), Buffer.from(whole)), `${bitDepth} ${channels.length} ${dither}`).toBe(0);
          expect(readWav(streamed).audio.channels[0].length).toBe(frames);
        }
      }
    }
  });

  it('never hands over a piece larger than one block of samples (bounded memory)', () => {
    const audio = { sampleRate: 44100, channels: [ramp, ramp] };
    const sizes = [...wavPieces(audio, { bitDepth: 24 }, 100)].slice(1).map((p) => p.byteLength);
    expect(Math.max(...sizes)).toBe(100 * 2 * 3);
  });
});
