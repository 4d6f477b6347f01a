/**
 * A worker that dies without an 'error' event (killed by the browser, or stuck in a loop) would
 * leave its jobs waiting forever. While jobs are pending, the client pings the worker; a worker
 * that sends nothing at all for `silenceMs` is treated as crashed, so the job fails with one line
 * and the next one starts a fresh worker.
 */

export interface PingMessage {
  kind: 'ping';
  id: 0;
}

export interface PongReply {
  kind: 'pong';
  id: 0;
}

export const PING: PingMessage = { kind: 'ping', id: 0 };
export const PONG: PongReply = { kind: 'pong', id: 0 };

export interface HeartbeatOptions {
  /** how often to ping while jobs are pending */
  everyMs: number;
  /** how long the worker may stay silent before it counts as stopped */
  silenceMs: number;
}

/** The defaults: jobs yield at least every few seconds (progress, awaits), so 30 s of silence is a dead worker. */
export const DEFAULT_HEARTBEAT: HeartbeatOptions = { everyMs: 2_000, silenceMs: 30_000 };

/** Pings while `busy()`; calls `onSilent` once when nothing was heard for `silenceMs`. */
export class Heartbeat {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastHeard = Date.now();

  constructor(
    private readonly options: HeartbeatOptions,
    private readonly ping: () => void,
    private readonly onSilent: (silentMs: number) => void,
  ) {}

  /** Anything from the worker counts as a sign of life. */
  heard(): void {
    this.lastHeard = Date.now();
  }

  /** Call when a job starts: starts pinging if it was not already. */
  start(): void {
    if (this.timer !== undefined) return;
    this.lastHeard = Date.now();
    this.timer = setInterval(() => this.tick(), this.options.everyMs);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const silent = Date.now() - this.lastHeard;
    if (silent >= this.options.silenceMs) {
      this.stop();
      this.onSilent(silent);
      return;
    }
    this.ping();
  }
}
