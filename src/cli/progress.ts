/**
 * Progress on stderr (results go to stdout). On a terminal, a redrawn bar; otherwise (pipes, CI)
 * a plain line at most every 10% so logs stay readable. Silent for work under a second.
 */
export class ProgressBar {
  private readonly label: string;
  private readonly stream: NodeJS.WriteStream;
  private readonly startedAt = performance.now();
  private lastPrintedTenth = -1;
  private drawn = false;

  constructor(label: string, stream: NodeJS.WriteStream = process.stderr) {
    this.label = label;
    this.stream = stream;
  }

  /** fraction in 0..1; detail is a short extra such as "120 tok/s" */
  update(fraction: number, detail = ''): void {
    const clamped = Math.min(1, Math.max(0, fraction));
    const elapsed = (performance.now() - this.startedAt) / 1000;
    if (elapsed < 1 && clamped < 1) return;
    if (this.stream.isTTY) {
      const width = 28;
      const filled = Math.round(clamped * width);
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      this.stream.write(`\r${this.label} ${bar} ${(clamped * 100).toFixed(0).padStart(3)}% ${detail}\x1b[K`);
      this.drawn = true;
      return;
    }
    const tenth = Math.floor(clamped * 10);
    if (tenth > this.lastPrintedTenth) {
      this.lastPrintedTenth = tenth;
      this.stream.write(`${this.label}: ${(clamped * 100).toFixed(0)}% ${detail}\n`);
    }
  }

  done(): void {
    if (this.drawn && this.stream.isTTY) this.stream.write('\n');
  }
}
