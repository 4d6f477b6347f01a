import { AleaError } from '../../core/errors.ts';

/** How long the browser gets to start audio before the user is told it did not. */
export const AUDIO_START_TIMEOUT_MS = 4000;

/** What the user reads when audio cannot start: what still works, and how to try again. */
export function audioStartProblem(reason: string): AleaError {
  return new AleaError('failure', `Audio could not start (${reason}): nothing will sound, but editing, generating and exporting still work. Click Play to try again.`);
}

/**
 * Starts audio (the browser's AudioContext) with `start`, or fails with one line saying so: when
 * `start` throws, and when it has not finished after `timeoutMs` (a context left suspended, no
 * audio device).
 */
export async function startAudio(start: () => Promise<void>, timeoutMs = AUDIO_START_TIMEOUT_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(audioStartProblem(`the browser did not start it within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await Promise.race([
      start().catch((error: unknown) => {
        throw audioStartProblem(error instanceof Error ? error.message.split('\n')[0] : String(error));
      }),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
