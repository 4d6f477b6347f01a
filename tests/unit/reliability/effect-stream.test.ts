/**
 * Audio effects on the command line run in bounded memory: the input WAV is read from disk block
 * by block while the output is being written, never whole. The tests catch a return to reading
 * or collecting whole files without measuring time or memory: a probe effect changes the input
 * file on disk after processing has begun (a whole read would never see the change), and looks
 * at the output's temporary file half way through (a collected output would not be there yet).
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processAudioFile } from '../../../src/cli/plugin-commands/effect-file.ts';
import { temporaryPathFor } from '../../../src/cli/temp-files.ts';
import { openWavFile } from '../../../src/cli/wav-file-reader.ts';
import { WavBlockDecoder } from '../../../src/core/audio/wav-block-decoder.ts';
import { readWav } from '../../../src/core/audio/wav-read.ts';
import { writeWav, type WavBitDepth } from '../../../src/core/audio/wav-write.ts';
import { rechunk } from '../../../src/plugins/audio-stream.ts';
import { runCli } from '../cli/run-cli.ts';
import type { AudioChunk, AudioEffectPlugin } from '../../../src/plugins/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'alea-effect-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FRAMES = 100_000;
const provenance = { generator: 'Alea test', params: {} };

function stereo(frames: number): Float32Array[] {
  return [Float32Array.from({ length: frames }, (_, i) => Math.sin(i / 9) * 0.5), Float32Array.from({ length: frames }, (_, i) => Math.cos(i / 13) * 0.25)];
}

async function collect(source: AsyncIterable<AudioChunk>): Promise<{ channels: Float32Array[]; longest: number }> {
  const parts: AudioChunk[] = [];
  for await (const block of source) parts.push(block.map((c) => Float32Array.from(c)));
  const length = parts.reduce((n, p) => n + p[0].length, 0);
  const channels = parts[0].map(() => new Float32Array(length));
  let at = 0;
  for (const part of parts) {
    part.forEach((c, k) => channels[k].set(c, at));
    at += part[0].length;
  }
  return { channels, longest: Math.max(...parts.map((p) => p[0].length)) };
}

describe('a WAV read from disk in blocks', () => {
  it('gives the samples of the whole-file reader, in blocks no longer than asked, for every format', async () => {
    for (const bitDepth of [16, 24, '32f'] as WavBitDepth[]) {
      const path = join(dir, `in-${bitDepth}.wav`);
      writeFileSync(path, writeWav({ sampleRate: 48000, channels: stereo(FRAMES) }, { bitDepth, provenance }));
      const whole = readWav(new Uint8Array(readFileSync(path))).audio;
      const source = await openWavFile(path);
      expect([source.sampleRate, source.channelCount, source.frames]).toEqual([48000, 2, FRAMES]);
      const read = await collect(source.blocks(7000));
      await source.close();
      expect(read.longest).toBe(7000);
      read.channels.forEach((c, k) => expect(Buffer.from(c.buffer).equals(Buffer.from(whole.channels[k].buffer)), `${bitDepth} channel ${k}`).toBe(true));
    }
  });

  it('refuses a NaN in float data with the whole-file reader\'s line, counted from the file start', () => {
    const decoder = new WavBlockDecoder({ sampleFormat: 'float', channels: 1, sampleRate: 100, blockAlign: 4, containerBytes: 4, validBits: 32 });
    const block = (values: number[]): Uint8Array => new Uint8Array(Float32Array.from(values).buffer);
    decoder.decode(block(new Array(250).fill(0.1)));
    expect(() => decoder.decode(block([0.1, Number.NaN]))).toThrow('float data contains NaN samples at 2.51 s');
  });

  it('reads a file that is not a plain WAV whole, with the usual one-line errors', async () => {
    const path = join(dir, 'not.wav');
    writeFileSync(path, 'hello, not audio');
    await expect(openWavFile(path)).rejects.toMatchObject({ kind: 'bad-input', file: path, message: 'not a WAV file (no RIFF header)' });
  });
});

describe('rechunk', () => {
  it('hands over fixed chunks from blocks of any length, the same samples in order', async () => {
    const [left] = stereo(10_000);
    const blocks = [0, 3, 4096, 5000, 9000, 10_000].slice(1).map((end, i, ends) => [left.subarray(i === 0 ? 0 : ends[i - 1], end)]);
    const chunks: number[] = [];
    const out: number[] = [];
    for await (const chunk of rechunk(blocks, 4096)) {
      chunks.push(chunk[0].length);
      out.push(...chunk[0]);
    }
    expect(chunks).toEqual([4096, 4096, 1808]);
    expect(Float32Array.from(out)).toEqual(left);
  });
});

describe('an audio effect from file to file', () => {
  it('reads the input while the output is being written, never either whole', async () => {
    const input = join(dir, 'long.wav');
    const output = join(dir, 'long-out.wav');
    writeFileSync(input, writeWav({ sampleRate: 48000, channels: stereo(FRAMES) }, { bitDepth: 16 }));
    const headerBytes = statSync(input).size - FRAMES * 4;
    let seen = 0;
    let partBytesHalfWay = -1;
    const probe: AudioEffectPlugin = {
      descriptor: { id: 'probe', name: 'Probe', version: '1.0.0', kind: 'audio-effect', description: 'test', params: [] },
      createProcessor: async () => ({
        latencySamples: 0,
        process: (chunk) => {
          if (seen === 0) {
            // The last frame becomes full-scale negative on disk, after reading has begun.
            const fd = openSync(input, 'r+');
            writeSync(fd, new Uint8Array([0x00, 0x80, 0x00, 0x80]), 0, 4, headerBytes + (FRAMES - 1) * 4);
            closeSync(fd);
          }
          seen += chunk[0].length;
          if (partBytesHalfWay < 0 && seen >= FRAMES / 2) partBytesHalfWay = statSync(temporaryPathFor(output)).size;
          return chunk.map((c) => Float32Array.from(c));
        },
        flush: () => [],
      }),
    };
    const source = await openWavFile(input);
    await processAudioFile(probe, source, output, {}, { bitDepth: 16, provenance: () => provenance, blockFrames: 8192 });
    await source.close();
    const { audio } = readWav(new Uint8Array(readFileSync(output)));
    expect(audio.channels[0].length).toBe(FRAMES);
    expect([audio.channels[0][FRAMES - 1], audio.channels[1][FRAMES - 1]]).toEqual([-1, -1]);
    expect(partBytesHalfWay).toBeGreaterThan(FRAMES);
  });

  it('writes exactly the input length: a tail past the end is cut, a short output padded with silence', async () => {
    const input = join(dir, 'short.wav');
    writeFileSync(input, writeWav({ sampleRate: 8000, channels: stereo(10_000) }, { bitDepth: '32f' }));
    for (const extra of [3000, -2500]) {
      const output = join(dir, `fit-${extra}.wav`);
      const fit: AudioEffectPlugin = {
        descriptor: { id: 'fit', name: 'Fit', version: '1.0.0', kind: 'audio-effect', description: 'test', params: [] },
        createProcessor: async () => {
          let held = 0;
          return {
            latencySamples: 0,
            process: (chunk) => {
              held += chunk[0].length;
              return extra < 0 ? [] : chunk.map((c) => Float32Array.from(c));
            },
            flush: () => (extra < 0 ? stereo(held + extra) : stereo(extra)),
          };
        },
      };
      const source = await openWavFile(input);
      await processAudioFile(fit, source, output, {}, { bitDepth: '32f', provenance: () => provenance });
      const { audio } = readWav(new Uint8Array(readFileSync(output)));
      expect(audio.channels[0].length).toBe(10_000);
      if (extra < 0) expect(audio.channels[0].subarray(7500).every((v) => v === 0)).toBe(true);
    }
  });
});

describe('an audio-effect command', () => {
  it('refuses an output that is a folder or the input itself before any work, leaving the input as it was', () => {
    const input = join(dir, 'keep.wav');
    writeFileSync(input, writeWav({ sampleRate: 8000, channels: stereo(800) }, { bitDepth: 16 }));
    const before = readFileSync(input);
    const folder = runCli(['gain', input, '-o', dir, '--gain', '-6']);
    expect(folder.status).toBe(2);
    expect(folder.stderr.trim().split('\n').at(-1)).toBe(`alea: ${dir}: is a folder; give the name of the file to write`);
    const same = runCli(['gain', input, '-o', join(dir, '.', 'keep.wav'), '--gain', '-6']);
    expect(same.status).toBe(2);
    expect(readFileSync(input).equals(before)).toBe(true);
  });
});
