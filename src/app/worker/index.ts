export type * from './protocol.ts';
export { WorkerClient, isAbortError, type RequestOptions } from './worker-client.ts';
export { spawnMlWorker, spawnRenderWorker } from './spawn.ts';
export { generateInWorker, createVoiceInWorker, processAudioInWorker } from './plugin-requests.ts';
