import { nextTask } from '../../engine/task-steps.ts';
import type { EnginePort, WorkstationProject } from '../lib/engine-port.ts';

interface Job {
  project: WorkstationProject;
  settle: (labels: string[] | null) => void;
  fail: (error: unknown) => void;
}

/**
 * Hands projects to the engine one load at a time. While a load runs, only the latest request
 * waits: quick edits in a row (a held arrow key) cost one more load, not one each.
 */
export class ProjectLoader {
  private readonly engine: EnginePort;
  private waiting: Job | null = null;
  private running = false;

  constructor(engine: EnginePort) {
    this.engine = engine;
  }

  /**
   * Loads `project` once the load running now is done. Resolves to each MIDI track's instrument
   * label, or to null when a later request took its place before it loaded.
   */
  request(project: WorkstationProject): Promise<string[] | null> {
    return new Promise((settle, fail) => {
      this.waiting?.settle(null);
      this.waiting = { project, settle, fail };
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        // the engine rebuilds in tasks after the one that changed the page (an edit, a file
        // opened), and requests made meanwhile collapse into the latest
        await nextTask();
        const job = this.waiting;
        if (job === null) break;
        this.waiting = null;
        try {
          job.settle(await this.engine.load(job.project));
        } catch (error) {
          job.fail(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
