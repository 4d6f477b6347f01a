/// <reference lib="webworker" />
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { initBackend } from './backend-interim.ts';
import { errorToLine } from '../lib/error-line.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';
import { WASM_PATHS } from './wasm-paths.ts';

/**
 * The ML worker: tfjs lives here, away from the UI thread. Each request is answered by exactly one
 * result or error message with the request's id (progress messages may come before it).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope; // a module worker's global scope

// Before any backend starts: the wasm backend loads its binaries from the app, not a CDN.
setWasmPaths(WASM_PATHS);

function reply(message: WorkerReply): void {
  scope.postMessage(message);
}

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.kind) {
    case 'init-backend': {
      const info = await initBackend(request.prefer === undefined ? {} : { prefer: request.prefer });
      reply({ kind: 'backend-ready', id: request.id, name: info.name, tried: info.tried });
      return;
    }
  }
}

scope.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  handle(request).catch((error: unknown) => reply({ kind: 'error', id: request.id, message: errorToLine(error) }));
});
