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

/** Longest wait for a frame: a hidden page draws none, and its parts must still mount. */
const FRAME_WAIT_MS = 100;

/**
 * Resolves in a task after the next frame: the parts shown so far are styled and laid out by then,
 * so the next part's first size read (bind:clientWidth) lays out only itself, not the whole page.
 */
function afterFrame(): Promise<void> {
  return new Promise((resolve) => {
    const late = setTimeout(resolve, FRAME_WAIT_MS);
    requestAnimationFrame(() => {
      clearTimeout(late);
      setTimeout(resolve, 0);
    });
  });
}
