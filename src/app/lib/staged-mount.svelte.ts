import { afterFrame } from './after-frame.ts';

/**
 * Mounts a view's parts over successive tasks: part n shows once `shown > n`. Mounting the whole
 * workstation at once held the page 150–350 ms in one task (measured in headless Chromium); each
 * part alone stays short, and the browser lays out and paints in between.
 */
export class StagedMount {
  /** how many parts are shown */
  shown = $state(0);
  readonly parts: number;
  private stopped = false;

  constructor(parts: number) {
    this.parts = parts;
  }

  /** Starts revealing the parts, one a task; returns what stops it (an onMount cleanup). */
  start(): () => void {
    void this.advance();
    return () => {
      this.stopped = true;
    };
  }

  private async advance(): Promise<void> {
    while (!this.stopped && this.shown < this.parts) {
      await afterFrame();
      if (!this.stopped) this.shown++;
    }
  }
}
