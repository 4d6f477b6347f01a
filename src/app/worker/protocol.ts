import type { BackendAttempt, BackendName } from '../../ml/runtime/backend.ts';

/**
 * Messages between the workstation and its ML worker. Every message carries a `kind` tag; requests
 * carry an `id` that the worker echoes on every reply to that request (progress, result or error).
 * Model inference (Continue, Latent Synth, Remix) is added here as new request/result kinds.
 */

/** Where the worker finds the wasm binaries: file name → URL (served from the app itself). */
export type WasmPaths = Record<string, string>;

export type { BackendAttempt, BackendName };

export interface InitBackendRequest {
  kind: 'init-backend';
  id: number;
  /** Try this backend first (the default order follows if it fails). */
  prefer?: BackendName;
}

export type WorkerRequest = InitBackendRequest;

export interface BackendReadyReply {
  kind: 'backend-ready';
  id: number;
  /** The tfjs backend in use, e.g. "webgl". */
  name: BackendName;
  /** Every backend tried, in order, with why each failed one failed. */
  tried: BackendAttempt[];
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

export type WorkerReply = BackendReadyReply | ProgressReply | ErrorReply;

/** The result kind each request kind resolves to. */
export interface ResultOf {
  'init-backend': BackendReadyReply;
}

export type RequestKind = WorkerRequest['kind'];
