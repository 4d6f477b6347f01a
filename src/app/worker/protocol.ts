import type { WavBitDepth } from '../../core/audio/wav-write.ts';
import type { Provenance } from '../../core/provenance.ts';
import type { Song } from '../../core/music/types.ts';
import type { AudioPool, Project } from '../../engine/index.ts';
import type { BackendAttempt, BackendName } from '../../ml/runtime/backend.ts';
import type { ParamValues } from '../../plugins/types.ts';

/**
 * Messages between the workstation and its workers. Every message carries a `kind` tag; requests
 * carry an `id` that the worker echoes on every reply to that request (progress, result or error).
 * The ML worker answers 'init-backend' and 'continue'; the render worker answers 'render'. A
 * 'cancel' message asks a worker to drop a request; it has no reply of its own.
 */

export type { BackendAttempt, BackendName };

export interface InitBackendRequest {
  kind: 'init-backend';
  id: number;
  /** A backend name to try first, as a user typed it (checked in the worker); the default order follows. */
  prefer?: string;
}

/** Renders a project to a finished WAV file: mix, export limiter, encoding, all in the worker. */
export interface RenderRequest {
  kind: 'render';
  id: number;
  project: Project;
  /** the audio the project's clips play, by source id */
  pool: AudioPool;
  sampleRate: number;
  bitDepth: WavBitDepth;
  provenance: Provenance;
}

/**
 * Writes continuations of a seed with a Continue model (the plugin's params: `model` names the
 * folder under models/). Progress replies come while it works.
 */
export interface ContinueRequest {
  kind: 'continue';
  id: number;
  song: Song;
  params: ParamValues;
}

/** Stop working on request `id`; that request then ends with an error reply (or none, if it was done). */
export interface CancelMessage {
  kind: 'cancel';
  id: number;
}

export type WorkerRequest = InitBackendRequest | RenderRequest | ContinueRequest;
/** Everything a worker receives. */
export type WorkerMessage = WorkerRequest | CancelMessage;

export interface BackendReadyReply {
  kind: 'backend-ready';
  id: number;
  /** The tfjs backend in use, e.g. "webgl". */
  name: BackendName;
  /** Every backend tried, in order, with why each failed one failed. */
  tried: BackendAttempt[];
}

export interface RenderedReply {
  kind: 'rendered';
  id: number;
  /** the WAV file's bytes (transferred, not copied) */
  wav: Uint8Array;
}

export interface ProgressReply {
  kind: 'progress';
  id: number;
  /** 0..1 */
  fraction: number;
  /** what the worker is doing, e.g. "Loading chorale-jsb" */
  detail?: string;
}

export interface ContinueResultReply {
  kind: 'continue-result';
  id: number;
  /** each one the seed followed by its continuation */
  variations: Song[];
  /** where the continuation begins (the seed's next bar start), in the variations' ticks */
  continuationStartTick: number;
  /** one per variation: model, weights hash, params, seed */
  provenance: Provenance[];
}

export interface ErrorReply {
  kind: 'error';
  id: number;
  message: string;
}

export type WorkerReply = BackendReadyReply | RenderedReply | ContinueResultReply | ProgressReply | ErrorReply;

/** The result kind each request kind resolves to. */
export interface ResultOf {
  'init-backend': BackendReadyReply;
  render: RenderedReply;
  continue: ContinueResultReply;
}

export type RequestKind = WorkerRequest['kind'];
