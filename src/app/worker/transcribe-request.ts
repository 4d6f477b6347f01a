/** An audio seed transcribed in the ML worker (progress, cancel through `options`). */
import type { AudioData } from '../../core/audio/audio-data.ts';
import type { TranscribeResultReply } from './protocol.ts';
import type { RequestOptions, WorkerClient } from './worker-client.ts';

/** The audio's buffers move to the worker (the caller no longer uses them). */
export async function transcribeInWorker(worker: WorkerClient, audio: AudioData, options: RequestOptions = {}): Promise<TranscribeResultReply> {
  return worker.request('transcribe', { audio }, { ...options, transfer: audio.channels.map((c) => c.buffer as ArrayBuffer) });
}
