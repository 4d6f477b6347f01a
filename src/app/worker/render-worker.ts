/// <reference lib="webworker" />
import { prepareForExport, writeWav } from '../../core/audio/index.ts';
import { useEngineRegistry } from '../../engine/plugin-lookup.ts';
import { renderProjectOffline } from '../../engine/render-browser.ts';
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
  const rendered = await renderProjectOffline(request.project, { sampleRate: request.sampleRate, pool: request.pool, onProgress: (f) => report(f * 0.9) });
  const mix = prepareForExport(rendered);
  report(0.95);
  const wav = writeWav(mix, { bitDepth: request.bitDepth, provenance: request.provenance });
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
