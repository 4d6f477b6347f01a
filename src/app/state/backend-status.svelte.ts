import { errorToLine } from '../lib/error-line.ts';
import { whenIdle } from '../lib/when-idle.ts';
import { spawnMlWorker } from '../worker/spawn.ts';
import type { WorkerClient } from '../worker/worker-client.ts';
import type { BackendAttempt, BackendChangedNotice } from '../worker/protocol.ts';
import type { TensorMemory } from '../../ml/runtime/backend-health.ts';

/**
 * The tfjs backend of the ML worker: started once the page is idle after opening, or at once when
 * a job asks for the worker sooner.
 */
export class BackendStatus {
  state = $state<'starting' | 'ready' | 'failed'>('starting');
  name = $state<string | null>(null);
  tried = $state.raw<BackendAttempt[]>([]);
  problem = $state<string | null>(null);
  /** Told what went wrong with the ML worker after it started (a crash, a lost GPU), for the banner. */
  onProblem: (text: string) => void = () => {};

  private client: WorkerClient | null = null;
  private starting: Promise<string | null> | null = null;
  /** the backend a user asked for (the page's ?backend=), for a start a job brings forward */
  private prefer: string | undefined;
  private cancelIdleStart: () => void = () => {};
  /** disposed: no worker is started any more */
  private closed = false;
  /** the errors of worker crashes the banner has said, so a job failed by one does not say less over it */
  private readonly crashes = new WeakSet<Error>();
  private settle: { resolve: (client: WorkerClient) => void; reject: (error: Error) => void } | null = null;
  private readonly started: Promise<WorkerClient> = new Promise((resolve, reject) => (this.settle = { resolve, reject }));

  constructor() {
    this.started.catch(() => {}); // a failed start is reported by start(); users of `worker` see it too
  }

  /** The ML worker once its backend runs, for model work (starting it now if it has not started); rejects when no backend could start. */
  get worker(): Promise<WorkerClient> {
    if (!this.closed) void this.start(this.prefer);
    return this.started;
  }

  /**
   * Starts the worker's tfjs once the page is idle after opening (`afterMs` at the earliest): its
   * scripts and wasm take a core for about a second, which on two cores stretched the page's own
   * start-up tasks past 50 ms. A job that needs the worker sooner starts it then. Resolves to
   * start's report.
   */
  startWhenIdle(prefer: string | undefined, afterMs: number): Promise<string | null> {
    this.prefer = prefer;
    return new Promise((resolve) => (this.cancelIdleStart = whenIdle(() => resolve(this.start(prefer)), afterMs)));
  }

  /**
   * Starts the worker's tfjs (once; later calls return the first one's report); `prefer` (a
   * backend name a user typed, e.g. the page's ?backend=) is tried first. A name tfjs does not
   * know is reported and the default order used instead. Resolves to that report, or null.
   */
  start(prefer?: string): Promise<string | null> {
    this.starting ??= this.begin(prefer);
    return this.starting;
  }

  private async begin(prefer: string | undefined): Promise<string | null> {
    this.client = spawnMlWorker({
      // a fresh worker after a crash starts the backend that was running
      prepare: async (send) => this.ready(await send('init-backend', this.name === null ? {} : { prefer: this.name })),
      onCrash: (error) => {
        this.crashes.add(error);
        this.onProblem(`${errorToLine(error)} Your project is kept; the next model job starts a new worker.`);
      },
      onNotice: (notice) => this.changed(notice),
    });
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

  /** Whether `error` is a worker crash the banner has already told the user about. */
  told(error: unknown): boolean {
    return error instanceof Error && this.crashes.has(error);
  }

  private async initWith(client: WorkerClient, prefer: string | undefined): Promise<void> {
    this.ready(await client.request('init-backend', prefer === undefined ? {} : { prefer }));
    this.settle?.resolve(client);
  }

  private ready(reply: { name: string; tried: BackendAttempt[] }): void {
    this.name = reply.name;
    this.tried = reply.tried;
    this.state = 'ready';
  }

  /** The worker moved to another backend on its own (its WebGL context was lost). */
  private changed(notice: BackendChangedNotice): void {
    this.ready(notice);
    this.onProblem(`The GPU stopped working for Alea (${notice.reason}): models now run on ${notice.name}, more slowly. Your project is kept.`);
  }

  /** Tensors the ML worker holds (leak checks). */
  async memory(): Promise<TensorMemory> {
    const { numTensors, numBytes } = await (await this.worker).request('memory', {});
    return { numTensors, numBytes };
  }

  /** Fault checks: the ML worker loses its WebGL context; false when it runs on another backend. */
  async loseWebglContext(): Promise<boolean> {
    return (await (await this.worker).request('fault', { fault: 'lose-webgl-context' })).done;
  }

  /** Fault checks: ends the ML worker as a crash would. */
  async crashWorker(): Promise<void> {
    (await this.worker).restart('The ML worker stopped unexpectedly.');
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
    this.closed = true;
    this.cancelIdleStart();
    this.settle?.reject(new Error('The workstation was closed.'));
    this.client?.dispose();
    this.client = null;
  }
}
