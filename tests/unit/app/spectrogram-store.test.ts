import { describe, expect, it } from 'vitest';
import type { AudioData } from '../../../src/core/audio/audio-data.ts';
import { clipLevelsShape, isDone, SpectrogramJobs, type ClipLevels, type SpectrogramPort } from '../../../src/app/lib/spectrogram-jobs.ts';
import { AnalyserCache, answerChunk, type SpectrogramReply, type SpectrogramRequest } from '../../../src/app/worker/spectrogram-protocol.ts';

/** A worker that answers each chunk a moment later, as the real one does, and counts what it got. */
class FakeWorker implements SpectrogramPort {
  readonly received: SpectrogramRequest[] = [];
  /** the samples of each request as they were when sent (the buffers are reused afterwards) */
  readonly samples: Float32Array[][] = [];
  private readonly analysers = new AnalyserCache();
  private onMessage: ((event: MessageEvent<SpectrogramReply>) => void) | null = null;

  postMessage(message: SpectrogramRequest): void {
    this.received.push(message);
    this.samples.push(message.channels.map((c) => c.slice()));
    setTimeout(() => this.onMessage?.({ data: answerChunk(message, this.analysers) } as MessageEvent<SpectrogramReply>), 0);
  }

  addEventListener(type: 'message' | 'error', listener: ((event: MessageEvent<SpectrogramReply>) => void) | ((event: ErrorEvent) => void)): void {
    if (type === 'message') this.onMessage = listener as (event: MessageEvent<SpectrogramReply>) => void;
  }

  terminate(): void {}
}

const settle = async (done: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
};

function tone(seconds: number, rate = 48000): AudioData {
  return { sampleRate: rate, channels: [new Float32Array(seconds * rate).map((_, n) => 0.5 * Math.sin((2 * Math.PI * 440 * n) / rate))] };
}

const plainLevels = (audio: AudioData): ClipLevels => ({ ...clipLevelsShape(audio), ready: 0, error: null, workerMs: 0 });

describe('SpectrogramJobs (the app side of the worker)', () => {
  it('sends one chunk at a time, fills the levels in order and computes each piece of audio once', async () => {
    const worker = new FakeWorker();
    const store = new SpectrogramJobs(() => worker, plainLevels);
    const audio = tone(12);
    const result = store.of(audio, 'tone.wav');
    expect(worker.received).toHaveLength(1); // the rest wait for its answer
    await settle(() => isDone(result));
    expect(result.ready).toBe(result.frames);
    expect(worker.received.length).toBeGreaterThan(1);
    expect(worker.received.every((r) => r.chunk.frames <= 512)).toBe(true);
    expect(result.levels.some((l) => l > 200)).toBe(true);
    worker.received.forEach(({ chunk }, i) => expect(worker.samples[i][0]).toEqual(audio.channels[0].subarray(chunk.fromSample, chunk.toSample)));
    // the page refills the buffers the worker handed back instead of allocating one per chunk
    expect(worker.received[2].channels[0].buffer).toBe(worker.received[1].channels[0].buffer);
    const sent = worker.received.length;
    expect(store.of(audio, 'tone.wav')).toBe(result); // cached: no new work
    expect(worker.received).toHaveLength(sent);
  });

  it('reports a NaN sample as one line on the clip and goes on with the next clip', async () => {
    const worker = new FakeWorker();
    const store = new SpectrogramJobs(() => worker, plainLevels);
    const broken = tone(1);
    broken.channels[0][30000] = Number.NaN;
    const bad = store.of(broken, 'broken.wav');
    const good = store.of(tone(1), 'fine.wav');
    await settle(() => isDone(bad) && isDone(good));
    expect(bad.error).toMatch(/^broken\.wav: sample 30000 of channel 1 is NaN/);
    expect(good.error).toBeNull();
    expect(good.ready).toBe(good.frames);
  });

  it('analyses a waiting clip asked for again before the others that wait', async () => {
    const worker = new FakeWorker();
    const store = new SpectrogramJobs(() => worker, plainLevels);
    const [a, b, c] = [tone(1), tone(1), tone(1)];
    const levels = [a, b, c].map((audio, i) => store.of(audio, `${'abc'[i]}.wav`));
    store.of(c, 'c.wav'); // shown again: c before b
    await settle(() => levels.every(isDone));
    expect(worker.received.map((r) => r.clipName)).toEqual(['a.wav', 'c.wav', 'b.wav']); // 1 s: one chunk each
  });
});
