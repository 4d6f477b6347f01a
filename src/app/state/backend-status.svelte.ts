import { errorToLine } from '../lib/error-line.ts';
import { MlWorkerClient } from '../worker/ml-client.ts';
import type { BackendAttempt, BackendName } from '../worker/protocol.ts';

/** The tfjs backend of the ML worker, started when the workstation opens. */
export class BackendStatus {
  state = $state<'starting' | 'ready' | 'failed'>('starting');
  name = $state<string | null>(null);
  tried = $state.raw<BackendAttempt[]>([]);
  problem = $state<string | null>(null);

  private client: MlWorkerClient | null = null;

  /** Starts the worker's tfjs; `prefer` is tried first (e.g. from the page's ?backend= parameter). */
  async start(prefer?: BackendName): Promise<void> {
    try {
      this.client = new MlWorkerClient();
      const ready = await this.client.request('init-backend', prefer === undefined ? {} : { prefer });
      this.name = ready.name;
      this.tried = ready.tried;
      this.state = 'ready';
    } catch (error) {
      this.problem = errorToLine(error);
      this.state = 'failed';
    }
  }

  /** One line per backend tried, for the badge's tooltip. */
  get summary(): string {
    if (this.state === 'failed') return `No tfjs backend: ${this.problem ?? 'unknown error'}`;
    if (this.state === 'starting') return 'Starting TensorFlow.js in a worker…';
    return this.tried.map((t) => (t.ok ? `${t.name}: in use` : `${t.name}: ${t.reason ?? 'failed'}`)).join('\n');
  }

  dispose(): void {
    this.client?.dispose();
    this.client = null;
  }
}
