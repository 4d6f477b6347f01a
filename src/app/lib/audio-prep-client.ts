import type { AudioPrepReply, AudioPrepRequest } from '../worker/audio-prep-protocol.ts';
import { spawnAudioPrepWorker } from '../worker/spawn.ts';
import { prepareImportedAudio, type PreparedAudio } from './audio-prep.ts';

/** What a prep job needs of a worker (a fake one in tests). */
export interface AudioPrepPort {
  postMessage(message: AudioPrepRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<AudioPrepReply>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/**
 * Prepares one file in a fresh worker (imports are rare; an idle worker would hold memory) and
 * ends it. The bytes are transferred: the caller must not use them afterwards.
 * @throws Error with the worker's one line (it names the file) when the file cannot be used
 */
export function prepareInWorker(spawn: () => AudioPrepPort, bytes: Uint8Array, fileName: string, liveRate: number | null, onProgress: (fraction: number) => void): Promise<PreparedAudio> {
  const worker = spawn();
  return new Promise<PreparedAudio>((resolve, reject) => {
    worker.addEventListener('message', (event) => {
      const reply = event.data;
      if (reply.kind === 'progress') return onProgress(reply.fraction);
      worker.terminate();
      if (reply.kind === 'prepared') resolve(reply.prepared);
      else reject(new Error(reply.message));
    });
    worker.addEventListener('error', (event) => {
      worker.terminate();
      reject(new Error(`${fileName}: the audio could not be prepared (${event.message || 'the worker stopped'})`));
    });
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
    worker.postMessage({ kind: 'prepare', fileName, bytes: own, liveRate }, [own.buffer as ArrayBuffer]);
  });
}

/** How the workstation prepares an imported WAV: the audio-prep worker in a page, inline where there are no workers (Node tests). */
export type PrepareAudio = (bytes: Uint8Array, fileName: string, liveRate: number | null, onProgress: (fraction: number) => void) => Promise<PreparedAudio>;

export const prepareAudioFile: PrepareAudio = async (bytes, fileName, liveRate, onProgress) => {
  if (typeof Worker === 'undefined') return prepareImportedAudio(bytes, fileName, liveRate, onProgress);
  return prepareInWorker(spawnAudioPrepWorker, bytes, fileName, liveRate, onProgress);
};
