import { WorkerClient, type ClientOptions, type RestartOptions } from './worker-client.ts';
import type { AudioPrepPort } from '../lib/audio-prep-client.ts';

// Each `new Worker(new URL(...))` is written out literally: that is how Vite finds and bundles workers.

/** What a caller may add to a worker's client: how to prepare a fresh worker, crash and notice listeners. */
export type SpawnOptions = Omit<ClientOptions, 'restart'> & Pick<RestartOptions, 'prepare'>;

/** The worker that owns tfjs (backend start, model inference); after a crash the next job starts a fresh one. */
export function spawnMlWorker(options: SpawnOptions = {}): WorkerClient {
  const make = (): Worker => new Worker(new URL('./ml-worker.ts', import.meta.url), { type: 'module' });
  const { prepare, ...rest } = options;
  return new WorkerClient(make(), { ...rest, restart: { respawn: make, ...(prepare === undefined ? {} : { prepare }) } });
}

/** The worker that renders projects offline for WAV export; after a crash the next export starts a fresh one. */
export function spawnRenderWorker(): WorkerClient {
  const make = (): Worker => new Worker(new URL('./render-worker.ts', import.meta.url), { type: 'module' });
  return new WorkerClient(make(), { restart: { respawn: make } });
}

/** A worker that decodes, resamples and measures one imported audio file, then is ended. */
export function spawnAudioPrepWorker(): AudioPrepPort {
  return new Worker(new URL('./audio-prep-worker.ts', import.meta.url), { type: 'module' });
}
