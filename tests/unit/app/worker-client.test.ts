import { describe, expect, it } from 'vitest';
import type { WorkerMessage, WorkerReply } from '../../../src/app/worker/protocol.ts';
import { isAbortError, WorkerClient, type WorkerPort } from '../../../src/app/worker/worker-client.ts';
import type { Song } from '../../../src/core/music/types.ts';

/** A stand-in worker: records what it is sent; the test answers as the worker would. */
class FakeWorker implements WorkerPort {
  readonly received: WorkerMessage[] = [];
  terminated = false;
  private onMessage: ((event: MessageEvent<WorkerReply>) => void) | null = null;
  private onError: ((event: ErrorEvent) => void) | null = null;

  postMessage(message: WorkerMessage): void {
    this.received.push(structuredClone(message));
  }
  addEventListener(type: 'message' | 'error', listener: ((event: MessageEvent<WorkerReply>) => void) | ((event: ErrorEvent) => void)): void {
    if (type === 'message') this.onMessage = listener as (event: MessageEvent<WorkerReply>) => void;
    else this.onError = listener as (event: ErrorEvent) => void;
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: WorkerReply): void {
    this.onMessage?.(new MessageEvent('message', { data: message }));
  }
  crash(text: string): void {
    this.onError?.({ message: text } as ErrorEvent); // only .message is read
  }
}

const seed: Song = {
  name: 'seed',
  ppq: 480,
  tracks: [],
  tempos: [{ tick: 0, bpm: 120 }],
  timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
  keySignatures: [],
  texts: [],
};

describe('WorkerClient', () => {
  it('delivers progress, then resolves with the reply to its own request', async () => {
    const worker = new FakeWorker();
    const client = new WorkerClient(worker);
    const seen: number[] = [];
    const job = { kind: 'midi-generator' as const, song: seed, params: { bars: 2 } };
    const first = client.request('run-plugin', { plugin: 'continue', job }, { onProgress: (p) => seen.push(p.fraction) });
    const second = client.request('init-backend', {});
    const [a, b] = worker.received;
    expect(a).toMatchObject({ kind: 'run-plugin', plugin: 'continue', job: { kind: 'midi-generator', params: { bars: 2 } } });
    expect(b.kind).toBe('init-backend');
    expect(a.id).not.toBe(b.id);

    worker.reply({ kind: 'backend-ready', id: b.id, name: 'wasm', tried: [] });
    worker.reply({ kind: 'progress', id: a.id, fraction: 0.5 });
    const variations = [{ song: seed, startTick: 0, provenance: { generator: 'g' } }];
    worker.reply({ kind: 'plugin-result', id: a.id, result: { kind: 'midi-generator', variations } });
    expect((await second).name).toBe('wasm');
    expect((await first).result).toEqual({ kind: 'midi-generator', variations });
    expect(seen).toEqual([0.5]);
  });

  it('rejects with the worker\'s error line', async () => {
    const worker = new FakeWorker();
    const client = new WorkerClient(worker);
    const pending = client.request('run-plugin', { plugin: 'continue', job: { kind: 'midi-generator', song: seed, params: {} } });
    worker.reply({ kind: 'error', id: worker.received[0].id, message: 'models/x: card.json is missing' });
    await expect(pending).rejects.toThrow('models/x: card.json is missing');
  });

  it('cancels: rejects at once, tells the worker, and ignores a late result', async () => {
    const worker = new FakeWorker();
    const client = new WorkerClient(worker);
    const abort = new AbortController();
    const pending = client.request('run-plugin', { plugin: 'continue', job: { kind: 'midi-generator', song: seed, params: {} } }, { signal: abort.signal });
    abort.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    const id = worker.received[0].id;
    expect(worker.received[1]).toEqual({ kind: 'cancel', id });
    worker.reply({ kind: 'plugin-result', id, result: { kind: 'midi-generator', variations: [] } }); // no throw
    await expect(client.request('run-plugin', { plugin: 'continue', job: { kind: 'midi-generator', song: seed, params: {} } }, { signal: abort.signal })).rejects.toSatisfy(isAbortError);
  });

  it('fails every pending request when the worker crashes or is closed', async () => {
    const worker = new FakeWorker();
    const client = new WorkerClient(worker);
    const a = client.request('run-plugin', { plugin: 'continue', job: { kind: 'midi-generator', song: seed, params: {} } });
    worker.crash('out of memory');
    await expect(a).rejects.toThrow('out of memory');
    const b = client.request('init-backend', {});
    client.dispose();
    await expect(b).rejects.toThrow('closed');
    expect(worker.terminated).toBe(true);
  });
});
