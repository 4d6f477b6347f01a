/**
 * Turns a zod issue into the one line a user reads ("field 'plugin' must be a string, got 3").
 * Parse with `{ reportInput: true }` so issues carry the offending value.
 */
import type { z } from 'zod';

function shown(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : String(value);
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

export function describeZodIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? `field '${pathText(issue.path)}'` : 'the document';
  switch (issue.code) {
    case 'unrecognized_keys': {
      const prefix = issue.path.length > 0 ? `${pathText(issue.path)}.` : '';
      const names = issue.keys.map((k) => `'${prefix}${k}'`).join(', ');
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${names}`;
    }
    case 'invalid_type':
      return issue.input === undefined
        ? `missing field '${pathText(issue.path)}'`
        : `${where} must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}, got ${shown(issue.input)}`;
    case 'invalid_union':
      return `${where} must be a number, true/false or a string, got ${shown(issue.input)}`;
    default:
      return `${where}: ${issue.message}`;
  }
}
