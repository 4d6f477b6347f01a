import { errorToLine } from '../lib/error-line.ts';

export type MessageTone = 'error' | 'info';

export interface StatusMessage {
  tone: MessageTone;
  text: string;
}

/** The banner under the top bar: one message at a time, dismissed by the user or replaced. */
export class StatusMessages {
  current = $state<StatusMessage | null>(null);

  error(error: unknown): void {
    this.current = { tone: 'error', text: errorToLine(error) };
  }

  info(text: string): void {
    this.current = { tone: 'info', text };
  }

  dismiss(): void {
    this.current = null;
  }
}

/** Long work in progress: a label and, when known, how far it got (0..1). */
export class BusyState {
  label = $state<string | null>(null);
  fraction = $state<number | null>(null);

  get active(): boolean {
    return this.label !== null;
  }

  /** Runs `work` with the indicator shown; the indicator goes away however the work ends. */
  async run<T>(label: string, work: (report: (fraction: number) => void) => Promise<T>): Promise<T> {
    this.label = label;
    this.fraction = null;
    try {
      return await work((fraction) => {
        this.fraction = Math.min(1, Math.max(0, fraction));
      });
    } finally {
      this.label = null;
      this.fraction = null;
    }
  }
}
