import type { AudioPrepReply, AudioPrepRequest } from '../worker/audio-prep-protocol.ts';
import { spawnAudioPrepWorker } from '../worker/spawn.ts';
import { prepareImportedAudio, type PreparedAudio } from './audio-prep.ts';
import { decodeAndPrepare, type DecodedProjectFile } from './project-prep.ts';

/** What a prep job needs of a worker (a fake one in tests). */
export interface AudioPrepPort {
  postMessage(message: AudioPrepRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<AudioPrepReply>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/**
 * Runs one request in a fresh worker (prep jobs are rare; an idle worker would hold memory) and
 * ends it; `result` picks the reply's result, undefined for a reply of another kind.
 * @throws Error with the worker's one line (it names the file) when the file cannot be used
 */
function runInWorker<T>(spawn: () => AudioPrepPort, request: AudioPrepRequest, onProgress: (fraction: number) => void, result: (reply: AudioPrepReply) => T | undefined): Promise<T> {
  const worker = spawn();
  return new Promise<T>((resolve, reject) => {
    worker.addEventListener('message', (event) => {
      const reply = event.data;
      if (reply.kind === 'progress') return onProgress(reply.fraction);
      worker.terminate();
      const value = result(reply);
      if (value !== undefined) resolve(value);
      else reject(new Error(reply.kind === 'error' ? reply.message : `${request.fileName}: the worker answered '${reply.kind}'`));
    });
    worker.addEventListener('error', (event) => {
      worker.terminate();
      reject(new Error(`${request.fileName}: the audio could not be prepared (${event.message || 'the worker stopped'})`));
    });
    // the bytes are transferred: the caller must not use them afterwards
    const { bytes } = request;
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
    worker.postMessage({ ...request, bytes: own }, [own.buffer as ArrayBuffer]);
  });
}

/** Prepares one WAV file in a fresh worker. The bytes are transferred: the caller must not use them afterwards. */
export function prepareInWorker(spawn: () => AudioPrepPort, bytes: Uint8Array, fileName: string, liveRate: number | null, onProgress: (fraction: number) => void): Promise<PreparedAudio> {
  return runInWorker(spawn, { kind: 'prepare', fileName, bytes, liveRate }, onProgress, (reply) => (reply.kind === 'prepared' ? reply.prepared : undefined));
}

/** Decodes a project file and prepares its clips in a fresh worker. The bytes are transferred. */
export function openInWorker(spawn: () => AudioPrepPort, bytes: Uint8Array, fileName: string, liveRate: number | null, onProgress: (fraction: number) => void): Promise<DecodedProjectFile> {
  return runInWorker(spawn, { kind: 'open', fileName, bytes, liveRate }, onProgress, (reply) => (reply.kind === 'opened' ? reply.decoded : undefined));
}

/** How the workstation prepares an imported WAV: the audio-prep worker in a page, inline where there are no workers (Node tests). */
export type PrepareAudio = (bytes: Uint8Array, fileName: string, liveRate: number | null, onProgress: (fraction: number) => void) => Promise<PreparedAudio>;

export const prepareAudioFile: PrepareAudio = async (bytes, fileName, liveRate, onProgress) => {
  if (typeof Worker === 'undefined') return prepareImportedAudio(bytes, fileName, liveRate, onProgress);
  return prepareInWorker(spawnAudioPrepWorker, bytes, fileName, liveRate, onProgress);
};

/** How a project file being opened is decoded and prepared: the same worker in a page, inline where there are none. */
export type OpenProjectFile = (bytes: Uint8Array, fileName: string, liveRate: number | null, onProgress: (fraction: number) => void) => Promise<DecodedProjectFile>;

export const openProjectFile: OpenProjectFile = async (bytes, fileName, liveRate, onProgress) => {
  if (typeof Worker === 'undefined') return decodeAndPrepare(bytes, fileName, liveRate, onProgress);
  return openInWorker(spawnAudioPrepWorker, bytes, fileName, liveRate, onProgress);
};
