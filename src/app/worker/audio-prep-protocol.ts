import { errorToLine } from '../lib/error-line.ts';
import { prepareImportedAudio, preparedBuffers, type PreparedAudio } from '../lib/audio-prep.ts';
import { decodeAndPrepare, decodedBuffers, type DecodedProjectFile } from '../lib/project-prep.ts';

/**
 * Messages between the app and the audio-prep worker: one file (a WAV, or a project file being
 * opened) in, its prepared audio out.
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
      kind: 'open';
      fileName: string;
      /** the project file's bytes (transferred) */
      bytes: Uint8Array;
      liveRate: number | null;
    };

export type AudioPrepReply =
  | { kind: 'progress'; fraction: number }
  | { kind: 'prepared'; prepared: PreparedAudio }
  | { kind: 'opened'; decoded: DecodedProjectFile }
  | { kind: 'error'; message: string };

/** The worker's work for one request: progress replies, then the result (buffers to transfer) or one line. */
export function answerPrep(request: AudioPrepRequest, post: (reply: AudioPrepReply, transfer: Transferable[]) => void): void {
  try {
    const report = (fraction: number): void => post({ kind: 'progress', fraction }, []);
    if (request.kind === 'prepare') {
      const prepared = prepareImportedAudio(request.bytes, request.fileName, request.liveRate, report);
      post({ kind: 'prepared', prepared }, preparedBuffers(prepared));
    } else {
      const decoded = decodeAndPrepare(request.bytes, request.fileName, request.liveRate, report);
      post({ kind: 'opened', decoded }, decodedBuffers(decoded));
    }
  } catch (error) {
    post({ kind: 'error', message: errorToLine(error) }, []); // both name the file
  }
}
