/**
 * Long live-engine work split into tasks, so the page never holds the main thread for long while a
 * project's graph is built or taken down (a MIDI file's tracks with GM voices took 100–300 ms in one
 * task). Offline renders have no page to keep responsive and run in one go.
 */

/** Waits until something in the current task needs a break. */
export type Pause = () => Promise<void>;

/** How long work runs before it yields: well under the 50 ms that counts as a long task. */
const STEP_MS = 10;

/** Resolves in a later task: `scheduler.yield` where the browser has it (it keeps this work's priority), else a timer. */
export function nextTask(): Promise<void> {
  const scheduler: unknown = Reflect.get(globalThis, 'scheduler');
  const yieldNow: unknown = typeof scheduler === 'object' && scheduler !== null ? Reflect.get(scheduler, 'yield') : undefined;
  if (typeof yieldNow === 'function') return Promise.resolve(Reflect.apply(yieldNow, scheduler, [])).then(() => undefined);
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A pause that yields once the task has run `budgetMs`: cheap enough to call after every small step. */
export function taskPause(budgetMs = STEP_MS): Pause {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await nextTask();
    since = performance.now();
  };
}

/** Never yields (offline renders). */
export const noPause: Pause = () => Promise.resolve();
