/// <reference lib="webworker" />
import { useEngineRegistry } from '../../engine/plugin-lookup.ts';
import { renderProjectWav } from '../../engine/render-browser.ts';
import { BuiltVoices, registryWithBuiltVoices } from '../lib/built-voices.ts';
import { errorToLine } from '../lib/error-line.ts';
import { PONG, type PingMessage } from './heartbeat.ts';
import type { RenderRequest, WorkerReply, WorkerRequest } from './protocol.ts';

/**
 * The render worker: WAV export (the engine's offline render, export limiter, encoding) off the UI
 * thread, so the page stays responsive and the progress bar moves. Same renderer and writer as
 * `alea render`, so both give the same samples.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope; // a module worker's global scope

async function render(request: RenderRequest): Promise<void> {
  const report = (fraction: number): void => scope.postMessage({ kind: 'progress', id: request.id, fraction } satisfies WorkerReply);
  // instruments whose voices need models play the ones the ML worker built
  useEngineRegistry(registryWithBuiltVoices(new BuiltVoices(request.voices)));
  // in blocks, straight into the file's bytes: a 10-minute export holds the WAV, not three float copies
  const wav = await renderProjectWav(
    request.project,
    { bitDepth: request.bitDepth, provenance: request.provenance },
    { sampleRate: request.sampleRate, pool: request.pool, onProgress: report },
  );
  report(1);
  const reply: WorkerReply = { kind: 'rendered', id: request.id, wav };
  scope.postMessage(reply, [wav.buffer]);
}

scope.addEventListener('message', (event: MessageEvent<WorkerRequest | PingMessage>) => {
  const request = event.data;
  if (request.kind === 'ping') return scope.postMessage(PONG);
  const work = request.kind === 'render' ? render(request) : Promise.reject(new Error(`the render worker does not do '${request.kind}'`));
  work.catch((error: unknown) => scope.postMessage({ kind: 'error', id: request.id, message: errorToLine(error) } satisfies WorkerReply));
});
