/// <reference lib="webworker" />
import { parseBackendName } from '../../ml/runtime/backend.ts';
import { initBackend } from '../../ml/runtime/backend-browser.ts';
import { errorToLine } from '../lib/error-line.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';

/**
 * The ML worker: tfjs lives here, away from the UI thread. Each request is answered by exactly one
 * result or error message with the request's id (progress messages may come before it).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope; // a module worker's global scope

function reply(message: WorkerReply): void {
  scope.postMessage(message);
}

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.kind) {
    case 'init-backend': {
      const prefer = parseBackendName(request.prefer, 'the backend URL parameter');
      const info = await initBackend(prefer === undefined ? {} : { prefer });
      reply({ kind: 'backend-ready', id: request.id, name: info.name, tried: info.tried });
      return;
    }
    default:
      throw new Error(`the ML worker does not do '${request.kind}'`);
  }
}

scope.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  handle(request).catch((error: unknown) => reply({ kind: 'error', id: request.id, message: errorToLine(error) }));
});
