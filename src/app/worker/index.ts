export type * from './protocol.ts';
export { WorkerClient } from './worker-client.ts';
export { spawnMlWorker, spawnRenderWorker } from './spawn.ts';
