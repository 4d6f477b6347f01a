import { usageError } from './run-command.ts';

/** Parsers for numeric options: a bad value is a usage error (exit 2) naming the option. */
export function parseIntOption(name: string, min: number, max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw usageError(`${name} must be an integer from ${min} to ${max}, got '${value}'`);
    }
    return n;
  };
}

export function parseFloatOption(name: string, min: number, max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) {
      throw usageError(`${name} must be a number from ${min} to ${max}, got '${value}'`);
    }
    return n;
  };
}

export function parseChoiceOption<T extends string>(name: string, choices: readonly T[]): (value: string) => T {
  return (value: string) => {
    const match = choices.find((c) => c === value);
    if (match === undefined) throw usageError(`${name} must be one of ${choices.join(', ')}, got '${value}'`);
    return match;
  };
}
