import { AleaError, isAleaError } from '../core/errors.ts';

/** Exit codes of the CLI contract: 0 success, 1 bad input or failure, 2 bad usage. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export function exitCodeFor(error: unknown): number {
  if (isAleaError(error)) return error.kind === 'usage' ? EXIT_USAGE : EXIT_FAILURE;
  return EXIT_FAILURE;
}

/** One line for a person; a stack trace only when ALEA_DEBUG is set (it is never the user's fault). */
export function describeError(error: unknown): string {
  if (isAleaError(error)) return error.toLine();
  if (error instanceof Error) {
    if (process.env.ALEA_DEBUG) return error.stack ?? error.message;
    return `internal error: ${error.message.split('\n')[0]} (set ALEA_DEBUG=1 for details)`;
  }
  return `internal error: ${String(error)}`;
}

/**
 * Wraps a command's action: errors become one line on stderr and the contract's exit code,
 * success sets exit code 0. Never calls process.exit directly so that pending writes flush.
 */
export function action<Args extends unknown[]>(
  run: (...args: Args) => Promise<void>,
): (...args: Args) => Promise<void> {
  return async (...args: Args) => {
    try {
      await run(...args);
      process.exitCode = EXIT_OK;
    } catch (error) {
      process.stderr.write(`alea: ${describeError(error)}\n`);
      process.exitCode = exitCodeFor(error);
    }
  };
}

export function usageError(message: string): AleaError {
  return new AleaError('usage', message);
}
