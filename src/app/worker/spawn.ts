import { WorkerClient } from './worker-client.ts';

// Each `new Worker(new URL(...))` is written out literally: that is how Vite finds and bundles workers.

/** The worker that owns tfjs (backend start now, model inference later). */
export function spawnMlWorker(): WorkerClient {
  return new WorkerClient(new Worker(new URL('./ml-worker.ts', import.meta.url), { type: 'module' }));
}

/** The worker that renders projects offline for WAV export. */
export function spawnRenderWorker(): WorkerClient {
  return new WorkerClient(new Worker(new URL('./render-worker.ts', import.meta.url), { type: 'module' }));
}
