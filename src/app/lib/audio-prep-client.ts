import type { AudioData } from '../../core/audio/audio-data.ts';
import type { AudioPrepReply, AudioPrepRequest } from '../worker/audio-prep-protocol.ts';
import { spawnAudioPrepWorker } from '../worker/spawn.ts';
import { prepareDecodedAudio, prepareImportedAudio, type PreparedAudio } from './audio-prep.ts';

/** What a prep job needs of a worker (a fake one in tests). */
export interface AudioPrepPort {
  postMessage(message: AudioPrepRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<AudioPrepReply>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/**
 * Runs one request in a fresh worker (prep jobs are rare; an idle worker would hold memory) and
 * ends it.
 * @throws Error with the worker's one line (it names the file) when the audio cannot be used
 */
function runInWorker(spawn: () => AudioPrepPort, request: AudioPrepRequest, transfer: Transferable[], onProgress: (fraction: number) => void): Promise<PreparedAudio> {
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
      reject(new Error(`${request.fileName}: the audio could not be prepared (${event.message || 'the worker stopped'})`));
    });
    worker.postMessage(request, transfer);
  });
}

/**
 * Prepares one WAV file in a fresh worker. The bytes are transferred: the caller must not use
 * them afterwards.
 */
export function prepareInWorker(spawn: () => AudioPrepPort, bytes: Uint8Array, fileName: string, liveRate: number | null, onProgress: (fraction: number) => void): Promise<PreparedAudio> {
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
  return runInWorker(spawn, { kind: 'prepare', fileName, bytes: own, liveRate }, [own.buffer as ArrayBuffer], onProgress);
}

/**
 * Prepares decoded audio (a clip of a project file named `fileName`) in a fresh worker. Channels
 * that fill their own buffer are transferred, not copied: the caller must use the result's
 * `audio` (the same samples) in place of `audio` afterwards.
 */
export function prepareDecodedInWorker(spawn: () => AudioPrepPort, audio: AudioData, fileName: string, liveRate: number | null, onProgress: (fraction: number) => void): Promise<PreparedAudio> {
  const buffers = new Set<ArrayBuffer>();
  for (const channel of audio.channels) {
    const { buffer } = channel;
    if (buffer instanceof ArrayBuffer && channel.byteOffset === 0 && channel.byteLength === buffer.byteLength) buffers.add(buffer);
  }
  return runInWorker(spawn, { kind: 'measure', fileName, audio, liveRate }, [...buffers], onProgress);
}

/** How the workstation prepares an imported WAV: the audio-prep worker in a page, inline where there are no workers (Node tests). */
export type PrepareAudio = (bytes: Uint8Array, fileName: string, liveRate: number | null, onProgress: (fraction: number) => void) => Promise<PreparedAudio>;

export const prepareAudioFile: PrepareAudio = async (bytes, fileName, liveRate, onProgress) => {
  if (typeof Worker === 'undefined') return prepareImportedAudio(bytes, fileName, liveRate, onProgress);
  return prepareInWorker(spawnAudioPrepWorker, bytes, fileName, liveRate, onProgress);
};

/** How an opened project's clip is prepared: the same worker in a page, inline where there are none. */
export type PrepareDecoded = (audio: AudioData, fileName: string, liveRate: number | null, onProgress: (fraction: number) => void) => Promise<PreparedAudio>;

export const prepareDecodedAudioFile: PrepareDecoded = async (audio, fileName, liveRate, onProgress) => {
  if (typeof Worker === 'undefined') return prepareDecodedAudio(audio, liveRate, onProgress);
  return prepareDecodedInWorker(spawnAudioPrepWorker, audio, fileName, liveRate, onProgress);
};
