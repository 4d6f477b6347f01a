/** One fuzz input through one parser: a result or an AleaError is fine; anything else is a finding. */
import { isAleaError } from '../../src/core/errors.ts';
import type { FuzzTarget } from './targets.ts';

export interface Finding {
  target: string;
  error: string;
}

/** Hang guard for one input (a parse of a ≤ 100 KB file takes milliseconds). */
export const INPUT_TIME_BOUND_MS = 5000;

export async function checkInput(target: FuzzTarget, bytes: Uint8Array, onAccepted: () => void = () => undefined): Promise<Finding | undefined> {
  const started = performance.now();
  try {
    await target.parse(bytes);
    onAccepted();
  } catch (error) {
    if (!isAleaError(error)) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return { target: target.name, error: detail.split('\n')[0].slice(0, 300) };
    }
    if (error.message.includes('\n') || error.message.length === 0) return { target: target.name, error: `unclear message: ${JSON.stringify(error.message)}` };
  }
  const ms = performance.now() - started;
  if (ms > INPUT_TIME_BOUND_MS) return { target: target.name, error: `took ${Math.round(ms)} ms (hang guard ${INPUT_TIME_BOUND_MS} ms)` };
  return undefined;
}
