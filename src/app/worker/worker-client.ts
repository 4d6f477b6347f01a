import type { ProgressReply, RequestKind, ResultOf, WorkerMessage, WorkerReply, WorkerRequest } from './protocol.ts';

interface Pending {
  resolve: (reply: WorkerReply) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: ProgressReply) => void;
}

type RequestBody<K extends RequestKind> = Omit<Extract<WorkerRequest, { kind: K }>, 'id' | 'kind'>;

export interface RequestOptions {
  onProgress?: (progress: ProgressReply) => void;
  /** buffers to move to the worker instead of copying */
  transfer?: Transferable[];
  /** aborting rejects the request at once (an AbortError) and tells the worker to drop it */
  signal?: AbortSignal;
}

/** What the client needs of a Worker (a real one, or a stand-in in tests). */
export interface WorkerPort {
  postMessage(message: WorkerMessage, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerReply>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

function abortError(): Error {
  return new DOMException('The request was cancelled.', 'AbortError');
}

/** True for the error a cancelled request rejects with. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * The workstation's side of a worker: typed requests that resolve to their result message, with
 * progress delivered on the way. Work in a worker never blocks the UI thread.
 */
export class WorkerClient {
  private readonly worker: WorkerPort;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** @param worker a worker speaking protocol.ts, e.g. `new Worker(new URL('./ml-worker.ts', import.meta.url), { type: 'module' })` */
  constructor(worker: WorkerPort) {
    this.worker = worker;
    this.worker.addEventListener('message', (event) => this.receive(event.data));
    this.worker.addEventListener('error', (event) => this.failAll(new Error(event.message || 'A worker stopped unexpectedly.')));
  }

  request<K extends RequestKind>(kind: K, body: RequestBody<K>, options: RequestOptions = {}): Promise<ResultOf[K]> {
    const { onProgress, transfer = [], signal } = options;
    if (signal?.aborted === true) return Promise.reject(abortError());
    const id = this.nextId++;
    // The body type is the request minus its tags, so spreading it back gives the request itself.
    const message = { ...body, kind, id } as Extract<WorkerRequest, { kind: K }>;
    return new Promise<ResultOf[K]>((resolve, reject) => {
      const onAbort = (): void => {
        if (!this.pending.delete(id)) return;
        this.post({ kind: 'cancel', id });
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        // The worker answers a request of kind K with ResultOf[K] (see ml-worker.ts).
        resolve: (reply) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(reply as ResultOf[K]);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
        onProgress,
      });
      this.post(message, transfer);
    });
  }

  dispose(): void {
    this.failAll(new Error('The worker was closed.'));
    this.worker.terminate();
  }

  private post(message: WorkerMessage, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private receive(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (pending === undefined) return;
    if (reply.kind === 'progress') {
      pending.onProgress?.(reply);
      return;
    }
    this.pending.delete(reply.id);
    if (reply.kind === 'error') pending.reject(new Error(reply.message));
    else pending.resolve(reply);
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
