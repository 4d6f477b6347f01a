/**
 * Parameter values: validation against specs (one line naming the bad param), defaults, and
 * the 0..1 normalised mapping automation and WAM hosts use.
 */
import { z } from 'zod';
import { badInput } from '../core/errors.ts';
import type { ParamSpec, ParamValue, ParamValues } from './types.ts';

function shown(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function rangeOf(spec: ParamSpec): [number, number] {
  return [spec.min ?? Number.NEGATIVE_INFINITY, spec.max ?? Number.POSITIVE_INFINITY];
}

/** What a valid value of this param looks like, in words. */
export function describeParamSpec(spec: ParamSpec): string {
  const [min, max] = rangeOf(spec);
  switch (spec.kind) {
    case 'int':
      return `an integer between ${min} and ${max}`;
    case 'float':
      return `a number between ${min} and ${max}`;
    case 'bool':
      return 'true or false';
    case 'choice':
      return `one of ${(spec.choices ?? []).map((c) => `'${c}'`).join(', ')}`;
    case 'model':
      return `an installed ${spec.family ?? ''} model's name or a model folder`.replace('  ', ' ');
  }
}

/** Each spec's schema, built once: validation runs on every edit and building one costs more than the check. */
const schemas = new WeakMap<ParamSpec, z.ZodType<ParamValue>>();

/** A zod schema for one param whose every failure reads "param 'x' must be ..., got ...". */
export function paramSchema(spec: ParamSpec): z.ZodType<ParamValue> {
  let schema = schemas.get(spec);
  if (schema === undefined) {
    schema = buildParamSchema(spec);
    schemas.set(spec, schema);
  }
  return schema;
}

function buildParamSchema(spec: ParamSpec): z.ZodType<ParamValue> {
  const error = (issue: { input?: unknown }): string =>
    `param '${spec.id}' must be ${describeParamSpec(spec)}, got ${shown(issue.input)}`;
  const [min, max] = rangeOf(spec);
  switch (spec.kind) {
    case 'int':
      return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
    case 'float':
      return z.number({ error }).min(min, { error }).max(max, { error });
    case 'bool':
      return z.boolean({ error });
    case 'choice': {
      const choices = spec.choices ?? [];
      return z.string({ error }).refine((v) => choices.includes(v), { error });
    }
    case 'model':
      // Which folders exist is the host's to check, by loading (see ModelResolver).
      return z.string({ error }).trim().min(1, { error });
  }
}

export function defaultParams(specs: readonly ParamSpec[]): ParamValues {
  const values: ParamValues = {};
  for (const spec of specs) values[spec.id] = spec.default;
  return values;
}

/**
 * Checks a param record (e.g. from a preset or a project file) against the specs and returns a
 * complete record: missing params take their defaults, unknown ones are refused by name.
 * @throws AleaError 'bad-input' naming the first bad param
 */
export function validateParams(input: unknown, specs: readonly ParamSpec[]): ParamValues {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw badInput(`params must be an object, got ${shown(input)}`);
  }
  const record = input as Record<string, unknown>;
  const known = new Map(specs.map((s) => [s.id, s]));
  for (const key of Object.keys(record)) {
    if (!known.has(key)) {
      throw badInput(`unknown param '${key}' (known: ${specs.map((s) => s.id).join(', ') || 'none'})`);
    }
  }
  const values = defaultParams(specs);
  for (const spec of specs) {
    if (!(spec.id in record)) continue;
    const result = paramSchema(spec).safeParse(record[spec.id]);
    if (!result.success) throw badInput(result.error.issues[0]?.message ?? `param '${spec.id}' is invalid`);
    values[spec.id] = result.data;
  }
  return values;
}

/** One param changed, validated. Returns a new record. */
export function withParam(values: ParamValues, specs: readonly ParamSpec[], id: string, value: unknown): ParamValues {
  return validateParams({ ...values, [id]: value }, specs);
}

function clamp01(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}

function usesLogScale(spec: ParamSpec, min: number, max: number): boolean {
  return spec.scale === 'log' && min > 0 && max > min;
}

/** Plain value → 0..1 (automation lanes, WAM normalised values). */
export function valueToNormalized(spec: ParamSpec, value: ParamValue): number {
  if (spec.kind === 'bool') return value === true ? 1 : 0;
  if (spec.kind === 'model') return 0;
  if (spec.kind === 'choice') {
    const choices = spec.choices ?? [];
    return choices.length <= 1 ? 0 : Math.max(0, choices.indexOf(String(value))) / (choices.length - 1);
  }
  const min = spec.min ?? 0;
  const max = spec.max ?? 1;
  if (max === min) return 0;
  const v = Number(value);
  if (usesLogScale(spec, min, max)) return clamp01(Math.log(v / min) / Math.log(max / min));
  return clamp01((v - min) / (max - min));
}

/** 0..1 → plain value, snapped to the param's kind (and step, for floats). */
export function normalizedToValue(spec: ParamSpec, normalized: number): ParamValue {
  const n = clamp01(normalized);
  if (spec.kind === 'bool') return n >= 0.5;
  if (spec.kind === 'model') return String(spec.default);
  if (spec.kind === 'choice') {
    const choices = spec.choices ?? [];
    return choices[Math.round(n * Math.max(0, choices.length - 1))] ?? String(spec.default);
  }
  const min = spec.min ?? 0;
  const max = spec.max ?? 1;
  let v = usesLogScale(spec, min, max) ? min * Math.pow(max / min, n) : min + n * (max - min);
  if (spec.kind === 'int') return Math.round(v);
  if (spec.step !== undefined && spec.step > 0) v = min + Math.round((v - min) / spec.step) * spec.step;
  return Math.min(max, Math.max(min, v));
}
