/**
 * Errors a user can act on. Every face (CLI, app) shows `message` as one line and keeps the
 * user's project untouched; the CLI maps `kind` to its exit code (usage → 2, everything else → 1).
 */
export type AleaErrorKind = 'bad-input' | 'usage' | 'model' | 'failure';

export class AleaError extends Error {
  readonly kind: AleaErrorKind;
  /** The file the problem is in, when there is one (shown before the message). */
  readonly file: string | undefined;

  constructor(kind: AleaErrorKind, message: string, file?: string) {
    super(message.replace(/\s*\n\s*/g, ' '));
    this.name = 'AleaError';
    this.kind = kind;
    this.file = file;
  }

  /** One line for a person: "file: what is wrong". */
  toLine(): string {
    return this.file === undefined ? this.message : `${this.file}: ${this.message}`;
  }

  /** The same error, now naming the file it came from. */
  inFile(file: string): AleaError {
    return new AleaError(this.kind, this.message, file);
  }
}

export function badInput(message: string, file?: string): AleaError {
  return new AleaError('bad-input', message, file);
}

export function isAleaError(error: unknown): error is AleaError {
  return error instanceof AleaError;
}
