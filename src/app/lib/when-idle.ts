/**
 * Runs `work` once the page has been idle for a moment, `afterMs` after now at the earliest and
 * `afterMs + maxWaitMs` at the latest. Start-up work that can wait (the ML worker's tfjs, the audio
 * engine) goes here: on two cores it competed with the page's own start-up tasks and doubled them
 * (measured). Returns what cancels it.
 */
export function whenIdle(work: () => void, afterMs: number, maxWaitMs = 2000): () => void {
  let idle = 0;
  const timer = setTimeout(() => {
    // Safari has no requestIdleCallback: there the time alone decides
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(() => work(), { timeout: maxWaitMs });
    else work();
  }, afterMs);
  return () => {
    clearTimeout(timer);
    if (idle !== 0) cancelIdleCallback(idle);
  };
}
