import type { WavBitDepth } from '../../core/audio/wav-write.ts';
import type { Provenance } from '../../core/provenance.ts';
import type { Project } from '../../engine/index.ts';
import type { BackendAttempt, BackendName } from '../../ml/runtime/backend.ts';
import type { ClipMixInput } from '../lib/clip-mix.ts';

/**
 * Messages between the workstation and its workers. Every message carries a `kind` tag; requests
 * carry an `id` that the worker echoes on every reply to that request (progress, result or error).
 * The ML worker answers 'init-backend' (model inference joins it as new kinds); the render worker
 * answers 'render'.
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
  /** imported audio clips, mixed after the project's tracks */
  clips: ClipMixInput[];
  sampleRate: number;
  bitDepth: WavBitDepth;
  provenance: Provenance;
}

export type WorkerRequest = InitBackendRequest | RenderRequest;

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
  label?: string;
}

export interface ErrorReply {
  kind: 'error';
  id: number;
  message: string;
}

export type WorkerReply = BackendReadyReply | RenderedReply | ProgressReply | ErrorReply;

/** The result kind each request kind resolves to. */
export interface ResultOf {
  'init-backend': BackendReadyReply;
  render: RenderedReply;
}

export type RequestKind = WorkerRequest['kind'];
