/**
 * Audio seeds in the ML worker: Basic Pitch loads on the first request and stays loaded (0.9 MB)
 * until the backend changes. Kept apart from the worker's message loop so tests run it in Node
 * with the model loaded from disk.
 */
import { BASIC_PITCH_REF } from '../../ml/transcribe/info.ts';
import { transcribeSeedNotes } from '../../ml/transcribe/seed.ts';
import type { AudioTranscriber } from '../../ml/transcribe/transcriber.ts';
import type { TranscribeRequest, TranscribeResultReply } from './protocol.ts';

export interface TranscribeJobContext {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

type TranscribeResult = Omit<TranscribeResultReply, 'kind' | 'id'>;

/** Holds one transcriber, loaded when first needed by `load`. */
export class TranscriberHolder {
  private readonly load: () => Promise<AudioTranscriber>;
  private loading: Promise<AudioTranscriber> | null = null;

  constructor(load: () => Promise<AudioTranscriber>) {
    this.load = load;
  }

  get(): Promise<AudioTranscriber> {
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = null; // the next request tries again
      throw error;
    });
    return this.loading;
  }

  /** Frees the model (after a backend change it loads again on the new backend). */
  async release(): Promise<void> {
    const loading = this.loading;
    this.loading = null;
    (await loading?.catch(() => null))?.dispose();
  }
}

export async function runTranscribeJob(request: TranscribeRequest, holder: TranscriberHolder, context: TranscribeJobContext = {}): Promise<TranscribeResult> {
  context.signal?.throwIfAborted();
  const transcriber = await holder.get();
  const notes = await transcribeSeedNotes(transcriber, request.audio, { signal: context.signal, onProgress: context.onProgress });
  return { notes, model: BASIC_PITCH_REF };
}
