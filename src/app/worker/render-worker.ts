/// <reference lib="webworker" />
import { prepareForExport, writeWav } from '../../core/audio/index.ts';
import { renderProjectOffline } from '../../engine/render-browser.ts';
import { mixClips } from '../lib/clip-mix.ts';
import { errorToLine } from '../lib/error-line.ts';
import type { RenderRequest, WorkerReply, WorkerRequest } from './protocol.ts';

/**
 * The render worker: WAV export (offline render, clip mix, export limiter, encoding) off the UI
 * thread, so the page stays responsive and the progress bar moves. Same renderer and writer as
 * `alea render`, so both give the same samples.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope; // a module worker's global scope

async function render(request: RenderRequest): Promise<void> {
  const report = (fraction: number): void => scope.postMessage({ kind: 'progress', id: request.id, fraction } satisfies WorkerReply);
  const tracks =
    request.project.song.tracks.length > 0
      ? await renderProjectOffline(request.project, { sampleRate: request.sampleRate, onProgress: (f) => report(f * 0.9) })
      : { sampleRate: request.sampleRate, channels: [new Float32Array(0), new Float32Array(0)] };
  const mix = prepareForExport(mixClips(tracks, request.clips));
  report(0.95);
  const wav = writeWav(mix, { bitDepth: request.bitDepth, provenance: request.provenance });
  report(1);
  const reply: WorkerReply = { kind: 'rendered', id: request.id, wav };
  scope.postMessage(reply, [wav.buffer]);
}

scope.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  const work = request.kind === 'render' ? render(request) : Promise.reject(new Error(`the render worker does not do '${request.kind}'`));
  work.catch((error: unknown) => scope.postMessage({ kind: 'error', id: request.id, message: errorToLine(error) } satisfies WorkerReply));
});
