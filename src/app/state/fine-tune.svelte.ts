import { errorToLine } from '../lib/error-line.ts';
import { FINE_TUNE_SETTINGS } from '../lib/fine-tune-settings.ts';
import { requestFineTune, savedLine, suggestName } from '../lib/fine-tune-run.ts';
import type { FineTuneResultReply, TrainingPoint } from '../worker/protocol.ts';
import { isAbortError, type WorkerClient } from '../worker/worker-client.ts';

/** What the fine-tune needs of the Continue panel: the model picked, and a way to list and pick the new one. */
export interface FineTuneHost {
  /** the picked model's ref (a shipped name or `user:<name>`), or null when none is */
  baseModel(): string | null;
  /** true while the panel generates (one model job at a time) */
  busy(): boolean;
  refreshModels(select?: string): Promise<void>;
}

/**
 * "Fine-tune on your MIDI": the files picked, steps and batch, a name to save under; the run in
 * the ML worker with its live loss points; the saved model then picked in the panel.
 */
export class FineTuneSession {
  files = $state.raw<File[]>([]);
  steps = $state<number>(FINE_TUNE_SETTINGS.steps.default);
  batchSize = $state<number>(FINE_TUNE_SETTINGS.batchSize.default);
  /** keep the last file out of training and plot the loss on it */
  holdOut = $state(false);
  name = $state('');
  running = $state(false);
  /** every step's figures of the current (or last) run */
  points = $state.raw<TrainingPoint[]>([]);
  problem = $state<string | null>(null);
  /** the last run's outcome, in words */
  finished = $state<string | null>(null);
  last = $state.raw<FineTuneResultReply | null>(null);
  readonly canStart: boolean;

  private abort: AbortController | null = null;

  constructor(
    private readonly host: FineTuneHost,
    /** the ML worker (asked for only when a run starts, so it is not started for nothing) */
    private readonly worker: () => Promise<WorkerClient>,
  ) {
    this.canStart = $derived(!this.running && !host.busy() && host.baseModel() !== null && this.files.length > 0 && this.name.trim() !== '');
  }

  /** Files from the file picker (MIDI only is asked for; others are refused by name when the run reads them). */
  pick(files: readonly File[]): void {
    this.files = [...files];
    this.problem = null;
    if (this.name.trim() === '' && files.length > 0) this.name = suggestName(files[0].name);
    if (files.length < 2) this.holdOut = false;
  }

  async start(): Promise<void> {
    const base = this.host.baseModel();
    if (!this.canStart || base === null) return;
    this.problem = null;
    this.finished = null;
    this.last = null;
    this.running = true;
    this.points = [];
    this.abort = new AbortController();
    try {
      const input = { base, saveAs: this.name, files: this.files, steps: this.steps, batchSize: this.batchSize, holdOut: this.holdOut };
      const result = await requestFineTune(await this.worker(), input, {
        signal: this.abort.signal,
        onPoint: (point) => (this.points = [...this.points, point]),
      });
      this.last = result;
      this.finished = savedLine(result);
      await this.host.refreshModels(result.model.name);
    } catch (error) {
      if (isAbortError(error)) this.finished = 'Cancelled: nothing was saved.';
      else this.problem = errorToLine(error);
    } finally {
      this.running = false;
      this.abort = null;
    }
  }

  cancel(): void {
    this.abort?.abort();
  }
}
