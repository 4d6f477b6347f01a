import { errorToLine } from '../lib/error-line.ts';
import type { AudioData } from '../../core/audio/audio-data.ts';
import { prepareDecodedAudio, prepareImportedAudio, preparedBuffers, type PreparedAudio } from '../lib/audio-prep.ts';

/**
 * Messages between the app and the audio-prep worker: one file (a WAV's bytes, or a clip an
 * opened project file holds) in, its prepared audio out.
 */
export type AudioPrepRequest =
  | {
      kind: 'prepare';
      fileName: string;
      /** the file's bytes (transferred) */
      bytes: Uint8Array;
      /** the live AudioContext's rate; null: no live copy */
      liveRate: number | null;
    }
  | {
      kind: 'measure';
      /** the file the audio came from, for error lines */
      fileName: string;
      /** the decoded audio (its buffers transferred; the reply brings them back) */
      audio: AudioData;
      liveRate: number | null;
    };

export type AudioPrepReply = { kind: 'progress'; fraction: number } | { kind: 'prepared'; prepared: PreparedAudio } | { kind: 'error'; message: string };

/** The worker's work for one request: progress replies, then the result (buffers to transfer) or one line. */
export function answerPrep(request: AudioPrepRequest, post: (reply: AudioPrepReply, transfer: Transferable[]) => void): void {
  try {
    const report = (fraction: number): void => post({ kind: 'progress', fraction }, []);
    const prepared = request.kind === 'prepare' ? prepareImportedAudio(request.bytes, request.fileName, request.liveRate, report) : prepareDecodedAudio(request.audio, request.liveRate, report);
    post({ kind: 'prepared', prepared }, preparedBuffers(prepared));
  } catch (error) {
    // a WAV's errors name the file already; a clip's (out of memory, say) get its project's name
    const line = errorToLine(error);
    post({ kind: 'error', message: request.kind === 'prepare' || line.startsWith(`${request.fileName}:`) ? line : `${request.fileName}: ${line}` }, []);
  }
}
