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
    expect(worker.terminated).toBe(true);
    // with nothing to restart it, later requests fail at once instead of waiting forever
    await expect(client.request('init-backend', {})).rejects.toThrow('cannot be restarted');
    const other = new FakeWorker();
    const open = new WorkerClient(other);
    const b = open.request('init-backend', {});
    open.dispose();
    await expect(b).rejects.toThrow('closed');
    expect(other.terminated).toBe(true);
  });
});

describe('WorkerClient after a crash', () => {
  const job = { kind: 'midi-generator' as const, song: seed, params: {} };

  /** A client that restarts on fresh FakeWorkers, preparing each with 'init-backend'. */
  function restartable(): { client: WorkerClient; workers: FakeWorker[]; crashes: string[] } {
    const workers = [new FakeWorker()];
    const crashes: string[] = [];
    const client = new WorkerClient(workers[0], {
      onCrash: (error) => crashes.push(error.message),
      restart: {
        respawn: () => {
          workers.push(new FakeWorker());
          return workers[workers.length - 1];
        },
        prepare: async (send) => void (await send('init-backend', { prefer: 'wasm' })),
      },
    });
    return { client, workers, crashes };
  }

  it('fails the job in flight with one line, then the next job starts a fresh, prepared worker', async () => {
    const { client, workers, crashes } = restartable();
    const lost = client.request('run-plugin', { plugin: 'continue', job });
    workers[0].crash('out of memory');
    await expect(lost).rejects.toThrow('The worker stopped: out of memory');
    expect(crashes).toEqual(['The worker stopped: out of memory']);
    expect(workers[0].terminated).toBe(true);
    expect(client.down).toBe(true);

    const next = client.request('run-plugin', { plugin: 'continue', job });
    expect(workers).toHaveLength(2);
    const fresh = workers[1];
    expect(fresh.received.map((m) => m.kind)).toEqual(['init-backend']); // the job waits for the backend
    fresh.reply({ kind: 'backend-ready', id: fresh.received[0].id, name: 'wasm', tried: [] });
    await new Promise((resolve) => setTimeout(resolve, 0)); // the client sees the backend ready
    expect(fresh.received.map((m) => m.kind)).toEqual(['init-backend', 'run-plugin']);
    fresh.reply({ kind: 'plugin-result', id: fresh.received[1].id, result: { kind: 'midi-generator', variations: [] } });
    expect((await next).result).toEqual({ kind: 'midi-generator', variations: [] });
    workers[0].reply({ kind: 'error', id: fresh.received[1].id, message: 'late word from the dead worker' }); // ignored
    expect(crashes).toHaveLength(1);
  });

  it('restart() ends a stuck worker: its jobs fail with the reason given', async () => {
    const { client, workers, crashes } = restartable();
    const stuck = client.request('run-plugin', { plugin: 'continue', job });
    client.restart('The ML worker was restarted.');
    await expect(stuck).rejects.toThrow('The ML worker was restarted.');
    expect(workers[0].terminated).toBe(true);
    expect(crashes).toHaveLength(1);
  });

  it('a fresh worker that cannot be prepared fails the waiting job, and the next job tries another', async () => {
    const { client, workers } = restartable();
    workers[0].crash('gone');
    const waiting = client.request('run-plugin', { plugin: 'continue', job });
    workers[1].reply({ kind: 'error', id: workers[1].received[0].id, message: 'no backend could start' });
    await expect(waiting).rejects.toThrow('no backend could start');
    expect(workers[1].terminated).toBe(true);
    void client.request('memory', {}).catch(() => {});
    expect(workers).toHaveLength(3);
  });

  it('hands messages the worker sends unasked to onNotice', () => {
    const worker = new FakeWorker();
    const notices: string[] = [];
    new WorkerClient(worker, { onNotice: (n) => notices.push(`${n.name}: ${n.reason}`) });
    worker.reply({ kind: 'backend-changed', id: 0, name: 'wasm', tried: [], reason: 'the WebGL context was lost' });
    expect(notices).toEqual(['wasm: the WebGL context was lost']);
  });
});
