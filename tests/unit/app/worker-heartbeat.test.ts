import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PONG, type PingMessage, type PongReply } from '../../../src/app/worker/heartbeat.ts';
import type { WorkerMessage, WorkerReply } from '../../../src/app/worker/protocol.ts';
import { WorkerClient, type WorkerPort } from '../../../src/app/worker/worker-client.ts';

/** A stand-in worker that can answer pings, or go silent as a killed worker does (no 'error' event). */
class SilentableWorker implements WorkerPort {
  readonly received: (WorkerMessage | PingMessage)[] = [];
  terminated = false;
  answersPings = false;
  private onMessage: ((event: MessageEvent<WorkerReply | PongReply>) => void) | null = null;

  postMessage(message: WorkerMessage | PingMessage): void {
    this.received.push(message);
    if (message.kind === 'ping' && this.answersPings) this.reply(PONG);
  }
  addEventListener(type: 'message' | 'error', listener: ((event: MessageEvent<WorkerReply | PongReply>) => void) | ((event: ErrorEvent) => void)): void {
    if (type === 'message') this.onMessage = listener as (event: MessageEvent<WorkerReply | PongReply>) => void;
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: WorkerReply | PongReply): void {
    this.onMessage?.(new MessageEvent('message', { data: message }));
  }
  pings(): number {
    return this.received.filter((m) => m.kind === 'ping').length;
  }
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const heartbeat = { everyMs: 1_000, silenceMs: 10_000 };

describe('WorkerClient heartbeat', () => {
  it('fails a job whose worker went silent, with one line, and the next job starts a fresh worker', async () => {
    const first = new SilentableWorker();
    const fresh = new SilentableWorker();
    const crashes: string[] = [];
    const client = new WorkerClient(first, { heartbeat, restart: { respawn: () => fresh }, onCrash: (e) => crashes.push(e.message) });
    const job = client.request('memory', {});
    const failed = expect(job).rejects.toThrow(/stopped answering \(nothing for 10 s\)/);
    vi.advanceTimersByTime(9_000);
    expect(client.down).toBe(false);
    vi.advanceTimersByTime(1_000);
    await failed;
    expect(first.terminated).toBe(true);
    expect(crashes).toHaveLength(1);
    const next = client.request('memory', {});
    expect(fresh.received.map((m) => m.kind)).toEqual(['memory']);
    const sent = fresh.received[0];
    fresh.reply({ kind: 'memory', id: sent.id, numTensors: 0, numBytes: 0 });
    await expect(next).resolves.toMatchObject({ kind: 'memory' });
  });

  it('keeps a long job alive while the worker answers pings', async () => {
    const worker = new SilentableWorker();
    worker.answersPings = true;
    const client = new WorkerClient(worker, { heartbeat });
    const job = client.request('memory', {});
    vi.advanceTimersByTime(60_000);
    expect(worker.terminated).toBe(false);
    expect(worker.pings()).toBeGreaterThanOrEqual(50);
    const sent = worker.received[0];
    worker.reply({ kind: 'memory', id: sent.id, numTensors: 3, numBytes: 12 });
    await expect(job).resolves.toMatchObject({ numTensors: 3 });
  });

  it('does not ping an idle worker, and stops once the last job is answered', async () => {
    const worker = new SilentableWorker();
    const client = new WorkerClient(worker, { heartbeat });
    vi.advanceTimersByTime(60_000);
    expect(worker.pings()).toBe(0);
    const job = client.request('memory', {});
    vi.advanceTimersByTime(2_500);
    expect(worker.pings()).toBe(2);
    worker.reply({ kind: 'memory', id: worker.received[0].id, numTensors: 0, numBytes: 0 });
    await job;
    vi.advanceTimersByTime(60_000);
    expect(worker.pings()).toBe(2);
    expect(worker.terminated).toBe(false);
  });
});
