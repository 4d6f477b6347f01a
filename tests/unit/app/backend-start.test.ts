import { afterEach, describe, expect, it, vi } from 'vitest';

/** ML workers spawned, and the backend each was asked to start */
const spawned: string[] = [];

vi.mock('../../../src/app/worker/spawn.ts', () => ({
  spawnMlWorker: () => {
    spawned.push('worker');
    return {
      request: (kind: string, body: { prefer?: string }) => {
        spawned.push(`${kind} ${body.prefer ?? 'default'}`);
        return Promise.resolve({ name: body.prefer ?? 'webgl', tried: [] });
      },
      dispose: () => {},
    };
  },
}));

const { BackendStatus } = await import('../../../src/app/state/backend-status.svelte.ts');

afterEach(() => {
  vi.useRealTimers();
  spawned.length = 0;
});

describe("the ML worker's start, deferred until the page has opened", () => {
  it('does not start the worker while the page starts up, then starts it once, with the backend asked for', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', undefined);
    const backend = new BackendStatus();
    const report = backend.startWhenIdle('wasm', 1500);
    await vi.advanceTimersByTimeAsync(1499);
    expect(spawned).toEqual([]);
    expect(backend.state).toBe('starting');
    await vi.advanceTimersByTimeAsync(1);
    expect(await report).toBeNull();
    expect(spawned).toEqual(['worker', 'init-backend wasm']);
    expect(backend.state).toBe('ready');
    expect(backend.name).toBe('wasm');
    await backend.worker;
    expect(spawned).toHaveLength(2); // asking for the worker after the start makes no second one
    vi.unstubAllGlobals();
  });

  it('starts at once when a job needs the worker before the idle start, and only once', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', undefined);
    const backend = new BackendStatus();
    const report = backend.startWhenIdle('wasm', 1500);
    const worker = await backend.worker;
    expect(spawned).toEqual(['worker', 'init-backend wasm']);
    expect(typeof worker.request).toBe('function');
    await vi.advanceTimersByTimeAsync(2000);
    expect(await report).toBeNull();
    expect(spawned).toHaveLength(2);
    vi.unstubAllGlobals();
  });

  it('never starts a worker for a page closed before its start-up was done', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', undefined);
    const backend = new BackendStatus();
    void backend.startWhenIdle(undefined, 1500);
    backend.dispose();
    await vi.advanceTimersByTimeAsync(5000);
    expect(spawned).toEqual([]);
    await expect(backend.worker).rejects.toThrow('The workstation was closed.');
    expect(spawned).toEqual([]); // asking for the worker of a closed page starts none
    vi.unstubAllGlobals();
  });
});
