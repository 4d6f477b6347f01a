import { describe, expect, it } from 'vitest';
import { resample } from '../../../src/core/audio/resample.ts';
import { writeWav } from '../../../src/core/audio/wav-write.ts';
import type { AudioData } from '../../../src/core/audio/audio-data.ts';
import { prepareImportedAudio } from '../../../src/app/lib/audio-prep.ts';
import { prepareInWorker, type AudioPrepPort } from '../../../src/app/lib/audio-prep-client.ts';
import { readImportedWav } from '../../../src/app/lib/read-import.ts';
import { computePeaks } from '../../../src/app/lib/waveform-peaks.ts';
import { answerPrep, type AudioPrepReply, type AudioPrepRequest } from '../../../src/app/worker/audio-prep-protocol.ts';
import { PoolAtRate, rememberConversion } from '../../../src/engine/audio-clips.ts';

/** A 48 kHz stereo WAV: a chirp left, noise-like right (both reach the band edge). */
function stereoWav(frames: number): Uint8Array {
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    left[i] = 0.6 * Math.sin((i * i) / 4000);
    right[i] = 0.4 * Math.sin(i * 1.7) * Math.cos(i * 0.013);
  }
  return writeWav({ sampleRate: 48000, channels: [left, right] }, { bitDepth: 24 });
}

/** A worker in this thread: requests and replies cross a structured clone with their transfers, as postMessage does. */
function fakeWorker(): AudioPrepPort & { terminated: boolean } {
  const listeners: ((event: MessageEvent<AudioPrepReply>) => void)[] = [];
  const port = {
    terminated: false,
    postMessage(message: AudioPrepRequest, transfer: Transferable[]): void {
      const request = structuredClone(message, { transfer });
      queueMicrotask(() =>
        answerPrep(request, (reply, moved) => {
          const data = structuredClone(reply, { transfer: moved });
          for (const listener of listeners) listener(new MessageEvent('message', { data }));
        }),
      );
    },
    addEventListener(type: 'message' | 'error', listener: ((event: MessageEvent<AudioPrepReply>) => void) | ((event: ErrorEvent) => void)): void {
      if (type === 'message') listeners.push(listener as (event: MessageEvent<AudioPrepReply>) => void);
    },
    terminate(): void {
      port.terminated = true;
    },
  };
  return port;
}

const sameBits = (a: Float32Array, b: Float32Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
const sameAudio = (a: AudioData, b: AudioData): boolean => a.sampleRate === b.sampleRate && a.channels.length === b.channels.length && a.channels.every((c, i) => sameBits(c, b.channels[i]));

describe('preparing imported audio off the UI thread', () => {
  const bytes = stereoWav(12_000);
  const direct = readImportedWav(bytes, 'take.wav');
  const directLive = resample(direct, 44100);
  const directPeaks = computePeaks(direct);

  it('gives, through the worker protocol, bit-identical audio, live-rate audio and peaks to the direct calls', async () => {
    const progress: number[] = [];
    const worker = fakeWorker();
    const prepared = await prepareInWorker(() => worker, bytes.slice(), 'take.wav', 44100, (f) => progress.push(f));
    expect(sameAudio(prepared.audio, direct)).toBe(true);
    expect(prepared.live).not.toBeNull();
    if (prepared.live === null) return;
    expect(prepared.live.channels[0].length).toBe(11_025);
    expect(sameAudio(prepared.live, directLive)).toBe(true);
    expect(prepared.peaks.samplesPerBlock).toBe(directPeaks.samplesPerBlock);
    expect(sameBits(prepared.peaks.min, directPeaks.min) && sameBits(prepared.peaks.max, directPeaks.max)).toBe(true);
    const stored = new Uint8Array(await prepared.blob.arrayBuffer());
    const expected = Buffer.concat(direct.channels.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)));
    expect(Buffer.from(stored).equals(expected)).toBe(true);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(worker.terminated).toBe(true);
  });

  it('makes no live copy when the file already has the live rate', () => {
    expect(prepareImportedAudio(bytes, 'take.wav', 48000).live).toBeNull();
    expect(prepareImportedAudio(bytes, 'take.wav', null).live).toBeNull();
  });

  it('refuses a WAV with no samples with one line naming the file', async () => {
    const header = writeWav({ sampleRate: 48000, channels: [new Float32Array(0)] }, { bitDepth: 16 }).slice(0, 44);
    await expect(prepareInWorker(fakeWorker, header, 'empty.wav', 44100, () => {})).rejects.toThrow(/^empty\.wav: /);
  });

  it('lets the live engine play the conversion made in the worker instead of resampling again', () => {
    const source: AudioData = { sampleRate: 48000, channels: [new Float32Array(480)] };
    const converted: AudioData = { sampleRate: 44100, channels: [new Float32Array(441)] };
    rememberConversion(source, converted);
    expect(new PoolAtRate(new Map([['a', source]]), 44100).get('a')).toBe(converted);
  });

  it('resamples a source once across engine rebuilds', () => {
    const source: AudioData = { sampleRate: 48000, channels: [new Float32Array(480).fill(0.5)] };
    const first = new PoolAtRate(new Map([['a', source]]), 44100).get('a');
    expect(new PoolAtRate(new Map([['a', source]]), 44100).get('a')).toBe(first);
  });
});
