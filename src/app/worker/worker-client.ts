import type { ProgressReply, RequestKind, ResultOf, WorkerReply, WorkerRequest } from './protocol.ts';

interface Pending {
  resolve: (reply: WorkerReply) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: ProgressReply) => void;
}

type RequestBody<K extends RequestKind> = Omit<Extract<WorkerRequest, { kind: K }>, 'id' | 'kind'>;

/**
 * The workstation's side of a worker: typed requests that resolve to their result message, with
 * progress delivered on the way. Work in a worker never blocks the UI thread.
 */
export class WorkerClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** @param worker a worker speaking protocol.ts, e.g. `new Worker(new URL('./ml-worker.ts', import.meta.url), { type: 'module' })` */
  constructor(worker: Worker) {
    this.worker = worker;
    this.worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => this.receive(event.data));
    this.worker.addEventListener('error', (event) => this.failAll(new Error(event.message || 'A worker stopped unexpectedly.')));
  }

  request<K extends RequestKind>(
    kind: K,
    body: RequestBody<K>,
    onProgress?: (progress: ProgressReply) => void,
    transfer: Transferable[] = [],
  ): Promise<ResultOf[K]> {
    const id = this.nextId++;
    // The body type is the request minus its tags, so spreading it back gives the request itself.
    const message = { ...body, kind, id } as Extract<WorkerRequest, { kind: K }>;
    return new Promise<ResultOf[K]>((resolve, reject) => {
      this.pending.set(id, {
        // The worker answers a request of kind K with ResultOf[K] (see ml-worker.ts).
        resolve: (reply) => resolve(reply as ResultOf[K]),
        reject,
        onProgress,
      });
      this.worker.postMessage(message, transfer);
    });
  }

  dispose(): void {
    this.failAll(new Error('The worker was closed.'));
    this.worker.terminate();
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
