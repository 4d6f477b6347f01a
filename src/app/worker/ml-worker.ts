/// <reference lib="webworker" />
import { parseBackendName } from '../../ml/runtime/backend.ts';
import { initBackend } from '../../ml/runtime/backend-browser.ts';
import { generateContinuations, loadContinueModelFromUrl, type ContinueModel } from '../../plugins/builtin/continue/index.ts';
import { errorToLine } from '../lib/error-line.ts';
import { SingleModelCache } from '../lib/model-cache.ts';
import type { ContinueRequest, WorkerMessage, WorkerReply } from './protocol.ts';

/**
 * The ML worker: tfjs lives here, away from the UI thread. Each request is answered by exactly one
 * result or error message with the request's id (progress messages may come before it). Model
 * work runs one request at a time, in order, so a model is never replaced while in use.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope; // a module worker's global scope

/** Model folders are served by the app itself at /models/<name>/. */
const modelUrl = (name: string): string => new URL(`/models/${encodeURIComponent(name)}/`, scope.location.href).href;
const continueModels = new SingleModelCache<ContinueModel>((name) => loadContinueModelFromUrl(modelUrl(name)));

/** 'continue' requests received and not yet answered, and those of them cancelled. */
const active = new Set<number>();
const cancelled = new Set<number>();
let modelQueue: Promise<unknown> = Promise.resolve();

function reply(message: WorkerReply): void {
  scope.postMessage(message);
}

class Cancelled extends Error {}

/**
 * Stops a cancelled request that has not started, or at its next progress report once the worker
 * has read the cancel message (sampling runs without yielding, so that is usually at the end; the
 * client has stopped waiting long before).
 */
function checkCancelled(id: number): void {
  if (cancelled.has(id)) throw new Cancelled('cancelled');
}

async function continueSong(request: ContinueRequest): Promise<void> {
  const { id } = request;
  checkCancelled(id);
  const name = String(request.params.model);
  if (continueModels.name !== name) reply({ kind: 'progress', id, fraction: 0, detail: `Loading ${name}` });
  const model = await continueModels.get(name);
  checkCancelled(id);
  reply({ kind: 'progress', id, fraction: 0, detail: 'Writing' });
  const result = await generateContinuations(model, request.song, request.params, {
    onProgress: (fraction) => {
      checkCancelled(id);
      reply({ kind: 'progress', id, fraction, detail: 'Writing' });
    },
  });
  reply({ kind: 'continue-result', id, ...result });
}

async function handle(message: WorkerMessage): Promise<void> {
  switch (message.kind) {
    case 'init-backend': {
      const prefer = parseBackendName(message.prefer, 'the backend URL parameter');
      const info = await initBackend(prefer === undefined ? {} : { prefer });
      reply({ kind: 'backend-ready', id: message.id, name: info.name, tried: info.tried });
      return;
    }
    case 'continue': {
      active.add(message.id);
      const run = modelQueue.then(() => continueSong(message));
      modelQueue = run.catch(() => undefined);
      try {
        await run;
      } finally {
        active.delete(message.id);
        cancelled.delete(message.id);
      }
      return;
    }
    case 'cancel':
      if (active.has(message.id)) cancelled.add(message.id);
      return;
    default:
      throw new Error(`the ML worker does not do '${message.kind}'`);
  }
}

scope.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
  const message = event.data;
  handle(message).catch((error: unknown) => {
    // A cancelled request's client has stopped listening already.
    if (!(error instanceof Cancelled)) reply({ kind: 'error', id: message.id, message: errorToLine(error) });
  });
});
