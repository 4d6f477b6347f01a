/** A state to go back to, with the name of the change that leads away from it. */
export interface UndoStep<T> {
  state: T;
  /** e.g. "Accept variation 2", for "Undo Accept variation 2" */
  label: string;
}

/**
 * Undo/redo over whole snapshots of something (the workstation keeps project snapshots: cheap,
 * since songs and clips are immutable values shared between snapshots). Call `record` with the
 * state as it is just before a change; `undo`/`redo` take the state as it is now and return the
 * one to go back (or forward) to.
 */
export class UndoStack<T> {
  private readonly past: UndoStep<T>[] = [];
  private readonly future: UndoStep<T>[] = [];
  private readonly limit: number;
  private readonly mergeWindowMs: number;
  private readonly now: () => number;
  /** the merge key of the last recorded change and when it came, while nothing has come between */
  private lastMerge: { key: string; at: number } | null = null;

  /**
   * @param limit how many changes can be undone; the oldest are forgotten past it
   * @param mergeWindowMs how soon a change must follow one with the same merge key to join its step
   * @param now the clock (milliseconds) merges are timed by
   */
  constructor(limit = 50, mergeWindowMs = 2000, now: () => number = () => performance.now()) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`the undo limit must be a positive integer, got ${limit}`);
    this.limit = limit;
    this.mergeWindowMs = mergeWindowMs;
    this.now = now;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** The change Undo would take back, or null. */
  get undoLabel(): string | null {
    return this.past.at(-1)?.label ?? null;
  }

  /** The change Redo would make again, or null. */
  get redoLabel(): string | null {
    return this.future.at(-1)?.label ?? null;
  }

  /**
   * A change named `label` is about to happen to `before`: it can be undone, and what was undone
   * cannot be redone. A change with a `mergeKey` (e.g. one parameter of one plugin) that follows
   * the last one with the same key within the merge window, nothing else between, joins that step:
   * five arrow-key nudges of a knob are one Undo. Returns whether a new step was made.
   */
  record(before: T, label: string, mergeKey?: string): boolean {
    const at = this.now();
    // a change with a key is always recorded first, and undo/redo/drop/clear forget the key: the step to join is there
    const joins = mergeKey !== undefined && this.lastMerge !== null && this.lastMerge.key === mergeKey && at - this.lastMerge.at <= this.mergeWindowMs;
    this.lastMerge = mergeKey === undefined ? null : { key: mergeKey, at };
    this.future.length = 0;
    if (joins) return false;
    this.past.push({ state: before, label });
    if (this.past.length > this.limit) this.past.shift();
    return true;
  }

  /** The state before the last change, or null when there is nothing to undo; `current` becomes redoable. */
  undo(current: T): UndoStep<T> | null {
    this.lastMerge = null;
    const step = this.past.pop();
    if (step === undefined) return null;
    this.future.push({ state: current, label: step.label });
    return step;
  }

  /** The state the last undo left, or null when there is nothing to redo; `current` becomes undoable. */
  redo(current: T): UndoStep<T> | null {
    this.lastMerge = null;
    const step = this.future.pop();
    if (step === undefined) return null;
    this.past.push({ state: current, label: step.label });
    return step;
  }

  /** Forgets the last recorded change without making it redoable (a change that did not happen after all). */
  drop(): UndoStep<T> | null {
    this.lastMerge = null;
    return this.past.pop() ?? null;
  }

  /** Forgets everything. */
  clear(): void {
    this.lastMerge = null;
    this.past.length = 0;
    this.future.length = 0;
  }
}
