import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWav, MAX_WAV_BYTES } from '../../../src/core/audio/index.ts';
import { AleaError } from '../../../src/core/errors.ts';

const BAD = 'tests/fixtures/bad/wav';
const GOOD = 'tests/fixtures/good/wav';

/** What each broken file's one-line error must say. */
const EXPECTED: Record<string, RegExp> = {
  'empty.wav': /empty/,
  'not-riff.wav': /not a WAV file/,
  'riff-not-wave.wav': /type 'AVI' is not a WAV/,
  'truncated-header.wav': /cut short inside the 'fmt' chunk/,
  'no-fmt.wav': /no fmt chunk/,
  'no-data.wav': /no data chunk/,
  'fmt-too-short.wav': /fmt chunk is too short \(12 bytes/,
  'data-size-absurd.wav': /data chunk declares 4294967280 bytes but only 100/,
  'unknown-format-adpcm.wav': /unsupported WAV encoding: Microsoft ADPCM/,
  'zero-channels.wav': /0 channels/,
  'absurd-rate.wav': /absurd sample rate 1000000000 Hz/,
  'nan-samples.wav': /contains NaN samples at 0\.05 s/,
  'inf-samples.wav': /contains Inf samples at 0\.07 s/,
  'block-align-mismatch.wav': /block align 2 does not match .*expected 4/,
};

function readError(bytes: Uint8Array, name?: string): AleaError {
  try {
    readWav(bytes, name);
  } catch (error) {
    if (error instanceof AleaError) return error;
    throw error;
  }
  throw new Error('expected readWav to refuse the file');
}

describe('bad WAV corpus', () => {
  it('has a committed file for every expected error, each under 4 KB', () => {
    const files = readdirSync(BAD).sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
    for (const file of files) expect(readFileSync(join(BAD, file)).byteLength).toBeLessThan(4096);
  });

  for (const [file, message] of Object.entries(EXPECTED)) {
    it(`refuses ${file} with one line saying what is wrong`, () => {
      const error = readError(readFileSync(join(BAD, file)), file);
      expect(error.kind).toBe('bad-input');
      expect(error.message).toMatch(message);
      expect(error.message.length).toBeLessThan(200);
      expect(error.toLine()).not.toContain('\n');
      expect(error.toLine().startsWith(`${file}: `)).toBe(true);
    });
  }

  it('refuses files over 1 GiB before touching their bytes', () => {
    const huge = new Uint8Array(16);
    Object.defineProperty(huge, 'byteLength', { value: MAX_WAV_BYTES + 1 });
    expect(readError(huge).message).toMatch(/1\.00 GiB; WAV files up to 1 GiB/);
  });

  it('names RF64 files rather than calling them not-WAV', () => {
    const rf64 = new TextEncoder().encode('RF64\xff\xff\xff\xffWAVEds64');
    expect(readError(rf64).message).toMatch(/RF64 .* not supported/);
  });
});

describe('unusual but valid WAV files', () => {
  it('skips unknown and odd-sized chunks around fmt and data', () => {
    const { audio, info, provenance } = readWav(readFileSync(join(GOOD, 'with-unknown-chunks.wav')));
    expect(info).toEqual({ format: 'pcm', bitDepth: 16, channels: 1, sampleRate: 8000 });
    expect(audio.channels[0].length).toBe(201);
    // 440 Hz at half scale: sample 5 is 16384·sin(2π·440·5/8000) / 32768
    expect(audio.channels[0][5]).toBeCloseTo(Math.round(16384 * Math.sin((2 * Math.PI * 440 * 5) / 8000)) / 32768, 6);
    expect(provenance).toBeUndefined();
  });

  it('reads the whole frames of a stream whose RIFF and data sizes were never filled in', () => {
    const { audio } = readWav(readFileSync(join(GOOD, 'streamed-size-unknown.wav')));
    expect(audio.channels[0].length).toBe(120);
  });

  it('refuses a data chunk overrunning a file whose RIFF size says it is complete, but reads it when cut short', () => {
    const bytes = new Uint8Array(readFileSync(join(GOOD, 'streamed-size-unknown.wav')));
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    view.setUint32(4, bytes.byteLength - 8, true);
    expect(readError(bytes).message).toMatch(/data chunk declares/);
    // A recording cut short: both sizes promise more than is there; an odd trailing byte is dropped.
    view.setUint32(4, bytes.byteLength + 1000, true);
    view.setUint32(40, 240 + 1000, true);
    expect(readWav(bytes.subarray(0, bytes.byteLength - 1)).audio.channels[0].length).toBe(119);
  });

  it('reads to the end when a stream left both the RIFF and data sizes at 0', () => {
    const bytes = new Uint8Array(readFileSync(join(GOOD, 'streamed-size-unknown.wav')));
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    view.setUint32(4, 0, true);
    view.setUint32(40, 0, true);
    const samples = readWav(bytes).audio.channels[0];
    expect(samples.length).toBe(120);
    expect(samples[3]).toBeCloseTo(Math.round(16384 * Math.sin((2 * Math.PI * 440 * 3) / 8000)) / 32768, 6);
    // With a real RIFF size, a data size of 0 means an empty recording.
    view.setUint32(4, bytes.byteLength - 8, true);
    expect(readWav(bytes).audio.channels[0].length).toBe(0);
  });
});
