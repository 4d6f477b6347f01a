import { errorToLine } from '../lib/error-line.ts';
import { spawnMlWorker } from '../worker/spawn.ts';
import type { WorkerClient } from '../worker/worker-client.ts';
import type { BackendAttempt } from '../worker/protocol.ts';

/** The tfjs backend of the ML worker, started when the workstation opens. */
export class BackendStatus {
  state = $state<'starting' | 'ready' | 'failed'>('starting');
  name = $state<string | null>(null);
  tried = $state.raw<BackendAttempt[]>([]);
  problem = $state<string | null>(null);

  private client: WorkerClient | null = null;
  private settle: { resolve: (client: WorkerClient) => void; reject: (error: Error) => void } | null = null;
  /** The ML worker once its backend runs, for model work; rejects when no backend could start. */
  readonly worker: Promise<WorkerClient> = new Promise((resolve, reject) => (this.settle = { resolve, reject }));

  constructor() {
    this.worker.catch(() => {}); // a failed start is reported by start(); users of `worker` see it too
  }

  /**
   * Starts the worker's tfjs; `prefer` (a backend name a user typed, e.g. the page's ?backend=)
   * is tried first. A name tfjs does not know is reported and the default order used instead.
   * Resolves to that report, or null.
   */
  async start(prefer?: string): Promise<string | null> {
    this.client = spawnMlWorker();
    let report: string | null = null;
    try {
      await this.initWith(this.client, prefer);
    } catch (error) {
      if (prefer === undefined) return this.fail(error);
      report = errorToLine(error);
      try {
        await this.initWith(this.client, undefined);
      } catch (again) {
        return this.fail(again);
      }
    }
    return report;
  }

  private async initWith(client: WorkerClient, prefer: string | undefined): Promise<void> {
    const ready = await client.request('init-backend', prefer === undefined ? {} : { prefer });
    this.name = ready.name;
    this.tried = ready.tried;
    this.state = 'ready';
    this.settle?.resolve(client);
  }

  private fail(error: unknown): string {
    this.problem = errorToLine(error);
    this.state = 'failed';
    this.settle?.reject(new Error(`TensorFlow.js could not start: ${this.problem}`));
    return this.problem;
  }

  /** One line per backend tried, for the badge's tooltip. */
  get summary(): string {
    if (this.state === 'failed') return `No tfjs backend: ${this.problem ?? 'unknown error'}`;
    if (this.state === 'starting') return 'Starting TensorFlow.js in a worker…';
    return this.tried.map((t) => (t.ok ? `${t.name}: in use` : `${t.name}: ${t.reason ?? 'failed'}`)).join('\n');
  }

  dispose(): void {
    this.settle?.reject(new Error('The workstation was closed.'));
    this.client?.dispose();
    this.client = null;
  }
}
