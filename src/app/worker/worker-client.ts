import { DEFAULT_HEARTBEAT, Heartbeat, PING, type HeartbeatOptions, type PingMessage, type PongReply } from './heartbeat.ts';
import type { BackendChangedNotice, ProgressReply, RequestKind, ResultOf, WorkerMessage, WorkerReply, WorkerRequest } from './protocol.ts';

interface Pending {
  resolve: (reply: WorkerReply) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: ProgressReply) => void;
}

type RequestBody<K extends RequestKind> = Omit<Extract<WorkerRequest, { kind: K }>, 'id' | 'kind'>;

/** Sends one request straight to the worker (a fresh worker's preparation uses it). */
export type SendRequest = <K extends RequestKind>(kind: K, body: RequestBody<K>) => Promise<ResultOf[K]>;

export interface RequestOptions {
  onProgress?: (progress: ProgressReply) => void;
  /** buffers to move to the worker instead of copying */
  transfer?: Transferable[];
  /** aborting rejects the request at once (an AbortError) and tells the worker to drop it */
  signal?: AbortSignal;
}

/** What the client needs of a Worker (a real one, or a stand-in in tests). */
export interface WorkerPort {
  postMessage(message: WorkerMessage | PingMessage, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerReply | PongReply>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/** How a client replaces a worker that crashed. */
export interface RestartOptions {
  /** makes a fresh worker; the next request after a crash goes to one */
  respawn: () => WorkerPort;
  /** what a fresh worker needs before any other request (e.g. starting its backend) */
  prepare?: (send: SendRequest) => Promise<void>;
}

export interface ClientOptions {
  restart?: RestartOptions;
  /** told once per crash, with the error the pending requests failed with */
  onCrash?: (error: Error) => void;
  /** messages the worker sends unasked (id 0) */
  onNotice?: (notice: BackendChangedNotice) => void;
  /** how a silent worker is found while jobs wait (default DEFAULT_HEARTBEAT; null: never) */
  heartbeat?: HeartbeatOptions | null;
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
 * progress delivered on the way. Work in a worker never blocks the UI thread. When the worker
 * crashes, every pending request fails with one line saying so; with `restart`, the next request
 * starts a fresh worker (prepared first), so a crash costs the job in flight and nothing else.
 */
export class WorkerClient {
  private worker: WorkerPort;
  private readonly pending = new Map<number, Pending>();
  private readonly options: ClientOptions;
  private nextId = 1;
  private crashed = false;
  /** settles when a fresh worker is prepared; requests wait for it */
  private ready: Promise<void> = Promise.resolve();
  private preparing = false;
  private readonly heartbeat: Heartbeat | null;

  /** @param worker a worker speaking protocol.ts, e.g. `new Worker(new URL('./ml-worker.ts', import.meta.url), { type: 'module' })` */
  constructor(worker: WorkerPort, options: ClientOptions = {}) {
    this.options = options;
    this.worker = worker;
    const beat = options.heartbeat === undefined ? DEFAULT_HEARTBEAT : options.heartbeat;
    this.heartbeat =
      beat === null
        ? null
        : new Heartbeat(beat, () => this.post(PING), (ms) => this.crash(new Error(`The worker stopped answering (nothing for ${Math.round(ms / 1000)} s).`)));
    this.listen(worker);
  }

  /** True after a crash, until the next request starts a fresh worker. */
  get down(): boolean {
    return this.crashed;
  }

  request<K extends RequestKind>(kind: K, body: RequestBody<K>, options: RequestOptions = {}): Promise<ResultOf[K]> {
    if (options.signal?.aborted === true) return Promise.reject(abortError());
    if (this.crashed && !this.preparing) this.respawn();
    if (this.crashed) return Promise.reject(new Error('The worker stopped and cannot be restarted.'));
    // a fresh worker's own preparation goes first; everything else waits for it
    if (this.preparing) return this.ready.then(() => this.request(kind, body, options));
    return this.send(kind, body, options);
  }

  /**
   * Ends the worker now as a crash would (a stuck job, a fault test): pending requests fail with
   * `reason`, and the next request starts a fresh worker when the client can restart.
   */
  restart(reason: string): void {
    this.crash(new Error(reason));
  }

  dispose(): void {
    this.heartbeat?.stop();
    this.failAll(new Error('The worker was closed.'));
    this.worker.terminate();
  }

  private send<K extends RequestKind>(kind: K, body: RequestBody<K>, options: RequestOptions): Promise<ResultOf[K]> {
    const { onProgress, transfer = [], signal } = options;
    if (signal?.aborted === true) return Promise.reject(abortError());
    const id = this.nextId++;
    // The body type is the request minus its tags, so spreading it back gives the request itself.
    const message = { ...body, kind, id } as Extract<WorkerRequest, { kind: K }>;
    return new Promise<ResultOf[K]>((resolve, reject) => {
      const onAbort = (): void => {
        if (!this.pending.delete(id)) return;
        this.idleCheck();
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
      this.heartbeat?.start();
      this.post(message, transfer);
    });
  }

  private listen(worker: WorkerPort): void {
    worker.addEventListener('message', (event) => {
      if (worker !== this.worker) return;
      this.heartbeat?.heard();
      const reply = event.data;
      if (reply.kind !== 'pong') this.receive(reply);
    });
    worker.addEventListener('error', (event) => {
      if (worker === this.worker) this.crash(new Error(`The worker stopped: ${event.message || 'unknown error'}`));
    });
  }

  private crash(error: Error): void {
    if (this.crashed) return;
    this.crashed = true;
    this.worker.terminate();
    this.failAll(error);
    this.options.onCrash?.(error);
  }

  /** Starts a fresh worker and runs its preparation; a failed preparation leaves the client down. */
  private respawn(): void {
    const restart = this.options.restart;
    if (restart === undefined) return;
    this.worker = restart.respawn();
    this.listen(this.worker);
    this.crashed = false;
    if (restart.prepare === undefined) return;
    this.preparing = true;
    this.ready = restart.prepare((kind, body) => this.send(kind, body, {})).then(
      () => {
        this.preparing = false;
      },
      (error: unknown) => {
        this.preparing = false;
        this.crash(error instanceof Error ? error : new Error(String(error)));
        throw error;
      },
    );
    this.ready.catch(() => {});
  }

  private post(message: WorkerMessage | PingMessage, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private receive(reply: WorkerReply): void {
    if (reply.kind === 'backend-changed') {
      this.options.onNotice?.(reply);
      return;
    }
    const pending = this.pending.get(reply.id);
    if (pending === undefined) return;
    if (reply.kind === 'progress') {
      pending.onProgress?.(reply);
      return;
    }
    this.pending.delete(reply.id);
    this.idleCheck();
    if (reply.kind === 'error') pending.reject(new Error(reply.message));
    else pending.resolve(reply);
  }

  /** No job waits: nothing to watch for. */
  private idleCheck(): void {
    if (this.pending.size === 0) this.heartbeat?.stop();
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.heartbeat?.stop();
  }
}
