/// <reference lib="webworker" />
import { PONG, type PingMessage } from './heartbeat.ts';
import { parseBackendName } from '../../ml/runtime/backend.ts';
import { initBackend } from '../../ml/runtime/backend-browser.ts';
import { loseWebglContext, replaceLostWebgl, tensorMemory, watchWebglContext } from '../../ml/runtime/backend-health.ts';
import { createBuiltinRegistry } from '../../plugins/builtin/builtin-registry.ts';
import { errorToLine } from '../lib/error-line.ts';
import { useServedGmBank } from './gm-bank-url.ts';
import { runLatentJob } from './latent-jobs.ts';
import { runPluginJob } from './plugin-jobs.ts';
import { loadTranscriberBrowser } from '../../ml/transcribe/load-browser.ts';
import { runTranscribeJob, TranscriberHolder } from './transcribe-jobs.ts';
import type { FineTuneRequest, LatentRequest, PluginResultReply, RunPluginRequest, TranscribeRequest, WorkerMessage, WorkerReply } from './protocol.ts';
import { UrlModelResolver } from './url-model-resolver.ts';
import { userModelStore } from '../lib/user-models.ts';
import { runFineTuneJob } from './fine-tune-job.ts';

/**
 * The ML worker: tfjs lives here, away from the UI thread. Each request is answered by exactly one
 * result or error message with the request's id (progress messages may come before it). Plugin
 * jobs run one at a time, in order, so a model is never replaced while in use; any plugin of the
 * registry can be run by id.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope; // a module worker's global scope

const registry = createBuiltinRegistry();
// GM SoundFont voices are built here, off the page's main thread
useServedGmBank();
/** Model folders are served by the app itself at /models/<name>/. */
const models = new UrlModelResolver(scope.location.href, undefined, userModelStore);
/** Latent Synth's flow prior, held beside its VAE (the resolver above holds one model at a time). */
const flows = new UrlModelResolver(scope.location.href);
/** Basic Pitch for audio seeds, served by the app itself like the wasm binaries. */
const transcriber = new TranscriberHolder(() => loadTranscriberBrowser(scope.location.href));

/** Jobs received and not yet answered: cancelling one aborts its signal, inside the plugin's work. */
const running = new Map<number, AbortController>();
let queue: Promise<unknown> = Promise.resolve();

function reply(message: WorkerReply, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

/** Jobs stopped because the GPU went away: they end with an error saying so, not silently. */
const lostDuring = new Set<number>();
const GL_LOST = 'the WebGL context was lost (the GPU was reset or ran out of memory)';
let stopWatching = (): void => {};

/** Watches the backend in use; when its WebGL context is lost, moves to the next backend that works. */
function watchBackend(): void {
  stopWatching();
  stopWatching = watchWebglContext(() => void fallBack());
}

async function fallBack(): Promise<void> {
  for (const [id, controller] of running) {
    lostDuring.add(id);
    controller.abort();
  }
  // the models' weights lived in the lost context: load them again on the next backend
  await Promise.allSettled([models.release(), flows.release(), transcriber.release()]);
  const info = await replaceLostWebgl();
  reply({ kind: 'backend-changed', id: 0, name: info.name, tried: info.tried, reason: GL_LOST });
  watchBackend();
}

/** The buffers of a result, moved to the page instead of copied. */
function transferables(result: PluginResultReply['result']): Transferable[] {
  if (result.kind === 'audio-effect') return result.audio.channels.map((c) => c.buffer as ArrayBuffer);
  if (result.kind === 'instrument' && result.voice.kind === 'multisample') {
    return result.voice.zones.flatMap((z) => z.channels.map((c) => c.buffer as ArrayBuffer));
  }
  return [];
}

async function runPlugin(request: RunPluginRequest, signal: AbortSignal): Promise<void> {
  const { id } = request;
  const result = await runPluginJob(registry, request.plugin, request.job, {
    models,
    signal,
    onProgress: (p) => reply({ kind: 'progress', id, fraction: p.total > 0 ? p.done / p.total : 0, detail: p.message }),
  });
  reply({ kind: 'plugin-result', id, result }, transferables(result));
}

async function runLatent(request: LatentRequest, signal: AbortSignal): Promise<void> {
  const result = await runLatentJob(request, { models, flows, signal });
  reply({ kind: 'latent-result', id: request.id, ...result });
}

async function runTranscribe(request: TranscribeRequest, signal: AbortSignal): Promise<void> {
  const { id } = request;
  const result = await runTranscribeJob(request, transcriber, { signal, onProgress: (fraction) => reply({ kind: 'progress', id, fraction, detail: 'Transcribing' }) });
  reply({ kind: 'transcribe-result', id, ...result });
}

async function runFineTune(request: FineTuneRequest, signal: AbortSignal): Promise<void> {
  const { id } = request;
  // training needs the memory: the model held for generating loads again when next asked for
  await models.release();
  const result = await runFineTuneJob(request, {
    loadModel: (ref) => models.loadFolder(ref),
    store: await userModelStore(),
    registry,
    signal,
    onProgress: (training) => reply({ kind: 'progress', id, fraction: training.step / training.steps, detail: 'Fine-tuning', training }),
  });
  reply({ kind: 'fine-tune-result', id, ...result });
}

/** Runs model work one job at a time, in order; a cancel aborts the job's signal. */
async function queued(id: number, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  const run = queue.then(() => work(controller.signal));
  queue = run.catch(() => undefined);
  try {
    await run;
  } finally {
    running.delete(id);
  }
}

async function handle(message: WorkerMessage): Promise<void> {
  switch (message.kind) {
    case 'init-backend': {
      const prefer = parseBackendName(message.prefer, 'the backend URL parameter');
      const info = await initBackend(prefer === undefined ? {} : { prefer });
      reply({ kind: 'backend-ready', id: message.id, name: info.name, tried: info.tried });
      watchBackend();
      return;
    }
    case 'memory':
      reply({ kind: 'memory', id: message.id, ...tensorMemory() });
      return;
    case 'fault':
      reply({ kind: 'fault-done', id: message.id, done: loseWebglContext() });
      return;
    case 'run-plugin':
      await queued(message.id, (signal) => runPlugin(message, signal));
      return;
    case 'latent':
      await queued(message.id, (signal) => runLatent(message, signal));
      return;
    case 'transcribe':
      await queued(message.id, (signal) => runTranscribe(message, signal));
      return;
    case 'fine-tune':
      await queued(message.id, (signal) => runFineTune(message, signal));
      return;
    case 'cancel':
      running.get(message.id)?.abort();
      return;
    default:
      throw new Error(`the ML worker does not do '${message.kind}'`);
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

scope.addEventListener('message', (event: MessageEvent<WorkerMessage | PingMessage>) => {
  const message = event.data;
  if (message.kind === 'ping') return scope.postMessage(PONG);
  handle(message).catch((error: unknown) => {
    if (lostDuring.delete(message.id)) reply({ kind: 'error', id: message.id, message: `This job stopped: ${GL_LOST}. Run it again.` });
    // A cancelled request's client has stopped listening already.
    else if (!isAbort(error)) reply({ kind: 'error', id: message.id, message: errorToLine(error) });
  });
});
