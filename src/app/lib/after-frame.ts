/** Longest wait for a frame: a hidden page draws none, and what waits must still run. */
const FRAME_WAIT_MS = 100;

/**
 * Resolves in a task after the next frame (or after FRAME_WAIT_MS when no frame comes): what was
 * shown so far has been styled, laid out and painted by then, in the frame's own task.
 */
export function afterFrame(): Promise<void> {
  return new Promise((resolve) => {
    const late = setTimeout(resolve, FRAME_WAIT_MS);
    requestAnimationFrame(() => {
      clearTimeout(late);
      setTimeout(resolve, 0);
    });
  });
}
