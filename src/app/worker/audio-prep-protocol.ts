import { errorToLine } from '../lib/error-line.ts';
import { prepareImportedAudio, preparedBuffers, type PreparedAudio } from '../lib/audio-prep.ts';

/** Messages between the app and the audio-prep worker: one file in, its prepared audio out. */
export interface AudioPrepRequest {
  kind: 'prepare';
  fileName: string;
  /** the file's bytes (transferred) */
  bytes: Uint8Array;
  /** the live AudioContext's rate; null: no live copy */
  liveRate: number | null;
}

export type AudioPrepReply = { kind: 'progress'; fraction: number } | { kind: 'prepared'; prepared: PreparedAudio } | { kind: 'error'; message: string };

/** The worker's work for one request: progress replies, then the result (buffers to transfer) or one line. */
export function answerPrep(request: AudioPrepRequest, post: (reply: AudioPrepReply, transfer: Transferable[]) => void): void {
  try {
    const prepared = prepareImportedAudio(request.bytes, request.fileName, request.liveRate, (fraction) => post({ kind: 'progress', fraction }, []));
    post({ kind: 'prepared', prepared }, preparedBuffers(prepared));
  } catch (error) {
    post({ kind: 'error', message: errorToLine(error) }, []);
  }
}
