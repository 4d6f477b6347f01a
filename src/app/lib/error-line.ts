import { isAleaError } from '../../core/errors.ts';

/** One line for a person, whatever was thrown: AleaErrors name the file, others give their first line. */
export function errorToLine(error: unknown): string {
  if (isAleaError(error)) return error.toLine();
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].trim() || 'Something went wrong.';
}
