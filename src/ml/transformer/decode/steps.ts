/**
 * Running a decode loop written as a generator (one `yield` per sampled token): to the end at
 * once, or in slices that give the event loop a turn, so a worker reads a cancel message and an
 * AbortSignal stops the loop between tokens. Stopping early still runs the loop's `finally`
 * (the KV cache's tensors are disposed).
 */

export type Steps<T> = Generator<void, T, void>;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

export interface YieldingOptions {
  signal?: AbortSignal;
  /** milliseconds of work between turns of the event loop */
  sliceMs?: number;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** @throws the signal's reason (an AbortError) once it aborts, checked after every step */
export async function runStepsYielding<T>(steps: Steps<T>, options: YieldingOptions = {}): Promise<T> {
  const { signal, sliceMs = 25 } = options;
  let sliceStart = performance.now();
  try {
    for (;;) {
      signal?.throwIfAborted();
      const next = steps.next();
      if (next.done === true) return next.value;
      if (performance.now() - sliceStart >= sliceMs) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
  } catch (error) {
    // Thrown into the loop at its paused step, so its `finally` blocks run (a loop that threw itself is closed already).
    try {
      steps.throw(error);
    } catch {
      // the same error, now after the loop's cleanup
    }
    throw error;
  }
}
