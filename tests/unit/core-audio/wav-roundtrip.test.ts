import { describe, expect, it } from 'vitest';
import { readWav, writeWav, type AudioData, type WavBitDepth } from '../../../src/core/audio/index.ts';
import { AleaError } from '../../../src/core/errors.ts';
import type { Provenance } from '../../../src/core/provenance.ts';

/** Distinct tones per channel, a little over full scale at the end to exercise clipping. */
function testAudio(sampleRate: number, channelCount: number, length = 1000): AudioData {
  const channels: Float32Array[] = [];
  for (let c = 0; c < channelCount; c++) {
    channels.push(Float32Array.from({ length }, (_, i) => 0.9 * Math.sin((2 * Math.PI * (220 + 110 * c) * i) / sampleRate)));
  }
  return { sampleRate, channels };
}

function maxError(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

const PROVENANCE: Provenance = {
  generator: 'Alea 0.1.0 remix',
  model: { name: 'gan-styles', sha256: 'ab'.repeat(32) },
  seed: 42,
  source: 'songs/riff <1> & "friends".wav',
  params: { style: 'lo-fi', strength: 0.75, steps: 12, harmonic: true },
};

describe('WAV round trip', () => {
  const depths: { depth: WavBitDepth; tolerance: number }[] = [
    { depth: 16, tolerance: 0.5 / 32768 + 1e-9 },
    { depth: 24, tolerance: 0.5 / 8388608 + 1e-9 },
    { depth: '32f', tolerance: 0 },
  ];
  for (const { depth, tolerance } of depths) {
    for (const channelCount of [1, 2, 6]) {
      for (const sampleRate of [22050, 44100, 48000, 96000]) {
        it(`${depth} bit, ${channelCount} channel(s), ${sampleRate} Hz`, () => {
          const audio = testAudio(sampleRate, channelCount);
          const { audio: back, info } = readWav(writeWav(audio, { bitDepth: depth }));
          expect(info).toEqual({
            format: depth === '32f' ? 'float' : 'pcm',
            bitDepth: depth === '32f' ? 32 : depth,
            channels: channelCount,
            sampleRate,
          });
          expect(back.sampleRate).toBe(sampleRate);
          expect(back.channels.length).toBe(channelCount);
          for (let c = 0; c < channelCount; c++) {
            expect(back.channels[c].length).toBe(1000);
            expect(maxError(back.channels[c], audio.channels[c])).toBeLessThanOrEqual(tolerance);
          }
        });
      }
    }
  }

  it('gives back integer files bit for bit (read → write → read)', () => {
    const once = readWav(writeWav(testAudio(44100, 2), { bitDepth: 24 })).audio;
    const twice = readWav(writeWav(once, { bitDepth: 24 })).audio;
    expect(maxError(once.channels[1], twice.channels[1])).toBe(0);
  });

  it('clamps integer formats and keeps out-of-range floats', () => {
    const hot: AudioData = { sampleRate: 44100, channels: [Float32Array.of(1.5, -2, 1, -1, 0.25)] };
    expect(Array.from(readWav(writeWav(hot, { bitDepth: 16 })).audio.channels[0])).toEqual([32767 / 32768, -1, 32767 / 32768, -1, 0.25]);
    expect(Array.from(readWav(writeWav(hot, { bitDepth: '32f' })).audio.channels[0])).toEqual([1.5, -2, 1, -1, 0.25]);
  });

  it('uses WAVE_FORMAT_EXTENSIBLE with a 5.1 speaker mask for six channels, plain PCM for stereo', () => {
    const six = writeWav(testAudio(48000, 6, 10), { bitDepth: 24 });
    const view = new DataView(six.buffer);
    expect(view.getUint16(20, true)).toBe(0xfffe);
    expect(view.getUint32(40, true)).toBe(0x3f);
    expect(new DataView(writeWav(testAudio(48000, 2, 10), { bitDepth: 24 }).buffer).getUint16(20, true)).toBe(1);
  });
});

describe('WAV provenance', () => {
  for (const depth of [16, 24, '32f'] as const) {
    it(`comes back exactly, typed, from a ${depth} file`, () => {
      expect(readWav(writeWav(testAudio(44100, 1, 50), { bitDepth: depth, provenance: PROVENANCE })).provenance).toEqual(PROVENANCE);
    });
  }

  it('is readable by other tools in LIST/INFO (ISFT, ICMT, INAM) and iXML', () => {
    // latin1 maps each byte to one character, so chunk sizes are 4 characters.
    const text = new TextDecoder('latin1').decode(writeWav(testAudio(44100, 1, 10), { bitDepth: 16, provenance: PROVENANCE }));
    expect(text).toMatch(/LIST[\s\S]{4}INFOISFT[\s\S]{4}Alea 0\.1\.0 remix\0/);
    expect(text).toContain('generator=Alea 0.1.0 remix; model=gan-styles;');
    expect(text).toMatch(/INAM[\s\S]{4}songs\/riff <1>/);
    expect(text).toContain('<BWFXML>');
    expect(text).toContain('<PARAM NAME="strength" TYPE="number">0.75</PARAM>');
    expect(text).toContain('songs/riff &lt;1&gt; &amp; &quot;friends&quot;.wav');
  });

  it('is absent from a file written without it', () => {
    expect(readWav(writeWav(testAudio(44100, 1, 10), { bitDepth: 16 })).provenance).toBeUndefined();
  });
});

describe('WAV determinism and refusals', () => {
  it('writes the same bytes for the same input, dither included', () => {
    const audio = testAudio(44100, 2, 2000);
    const a = writeWav(audio, { bitDepth: 16, provenance: PROVENANCE, dither: true });
    const b = writeWav(audio, { bitDepth: 16, provenance: PROVENANCE, dither: true });
    expect(a).toEqual(b);
    const plain = writeWav(audio, { bitDepth: 16, provenance: PROVENANCE });
    expect(plain).not.toEqual(a);
    // Dither is noise of about one LSB, never more than 1.5 LSB of error.
    const back = readWav(a).audio.channels[0];
    expect(maxError(back, audio.channels[0])).toBeLessThanOrEqual(1.5 / 32768);
    expect(maxError(back, audio.channels[0])).toBeGreaterThan(0.5 / 32768);
  });

  it('changes the dither with its seed', () => {
    const audio = testAudio(44100, 1, 500);
    expect(writeWav(audio, { bitDepth: 16, dither: true, ditherSeed: 1 })).not.toEqual(
      writeWav(audio, { bitDepth: 16, dither: true, ditherSeed: 2 }),
    );
  });

  function writeError(audio: AudioData): AleaError {
    try {
      writeWav(audio, { bitDepth: '32f' });
    } catch (error) {
      if (error instanceof AleaError) return error;
      throw error;
    }
    throw new Error('expected writeWav to refuse');
  }

  it('refuses NaN and Inf samples, naming where they are', () => {
    const audio = testAudio(1000, 2, 3000);
    audio.channels[1][1500] = NaN;
    expect(writeError(audio).message).toBe('audio to write contains NaN samples at 1.50 s (channel 2)');
    audio.channels[1][1500] = 0;
    audio.channels[0][10] = Infinity;
    expect(writeError(audio).message).toMatch(/Inf samples at 0\.01 s \(channel 1\)/);
  });

  it('refuses channels of different lengths, no channels, and impossible rates', () => {
    expect(writeError({ sampleRate: 44100, channels: [new Float32Array(3), new Float32Array(4)] }).message).toMatch(/channel 2 has 4/);
    expect(writeError({ sampleRate: 44100, channels: [] }).kind).toBe('bad-input');
    expect(writeError({ sampleRate: 44100.5, channels: [new Float32Array(3)] }).message).toMatch(/sample rate 44100.5/);
  });
});
