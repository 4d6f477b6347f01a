/**
 * Command-line options derived from a plugin's ParamSpecs: one definition per parameter, so
 * flag names, defaults, ranges and `--help` text cannot drift from the descriptor. A bad value
 * is a usage error (exit 2) naming the flag.
 */
import { Option, type Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describeParamSpec, paramSchema, validateParams } from '../plugins/params.ts';
import { loadPreset } from '../plugins/presets.ts';
import type { ParamSpec, ParamValue, ParamValues, PluginDescriptor } from '../plugins/types.ts';
import { readInputFile } from './file-io.ts';
import { usageError } from './run-command.ts';

/** `topK` → `top-k`: the flag spelling of a param id. */
export function flagName(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** What commander stores an option under: `--top-k` → `topK`. */
function attributeName(spec: ParamSpec): string {
  return flagName(spec.id).replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function rangeText(spec: ParamSpec): string {
  switch (spec.kind) {
    case 'int':
    case 'float':
      return `${spec.min ?? '-∞'}..${spec.max ?? '∞'}${spec.unit !== undefined ? ` ${spec.unit}` : ''}`;
    case 'choice': {
      const choices = spec.choices ?? [];
      return choices.length <= 8 ? choices.join(', ') : `${choices.slice(0, 5).join(', ')}, … (${choices.length} in all)`;
    }
    case 'model':
      return '';
    case 'bool':
      return '';
  }
}

/** The `--help` line of a param: what it does, then its range. */
export function paramHelp(spec: ParamSpec): string {
  const range = rangeText(spec);
  return `${spec.hint ?? spec.label}${range === '' ? '' : ` (${range})`}`;
}

/**
 * Parses one flag's text into a valid value for `spec`. Choices also match case-insensitively
 * (`c:MAJOR` → `C:major`).
 * @throws AleaError 'usage' naming the flag
 */
export function parseParamText(spec: ParamSpec, text: string): ParamValue {
  let value: unknown = text;
  if (spec.kind === 'int' || spec.kind === 'float') value = text.trim() === '' ? Number.NaN : Number(text);
  if (spec.kind === 'bool') value = text === 'true' ? true : text === 'false' ? false : text;
  if (spec.kind === 'choice') value = (spec.choices ?? []).find((c) => c.toLowerCase() === text.toLowerCase()) ?? text;
  const parsed = paramSchema(spec).safeParse(value);
  if (!parsed.success) throw usageError(`--${flagName(spec.id)} must be ${describeParamSpec(spec)}, got '${text}'`);
  return parsed.data;
}

/** The commander option for one param (bools: `--x` when off by default, `--no-x` when on). */
export function paramOption(spec: ParamSpec): Option {
  const flag = flagName(spec.id);
  if (spec.kind === 'bool') {
    return spec.default === true ? new Option(`--no-${flag}`, `turn off: ${paramHelp(spec)}`) : new Option(`--${flag}`, paramHelp(spec)).default(false);
  }
  const valueName = spec.kind === 'model' ? 'name|dir' : spec.kind === 'choice' ? 'choice' : spec.kind === 'int' ? 'n' : 'x';
  return new Option(`--${flag} <${valueName}>`, paramHelp(spec)).default(spec.default).argParser((text: string) => parseParamText(spec, text));
}

export interface ParamOptionOverride {
  /** replaces the derived option (it must keep the derived flag name and default) */
  option: Option;
}

/** Adds one option per param to `command`; `overrides` swap in a hand-made option for a param id. */
export function addParamOptions(command: Command, specs: readonly ParamSpec[], overrides: Record<string, ParamOptionOverride> = {}): Command {
  for (const spec of specs) command.addOption(overrides[spec.id]?.option ?? paramOption(spec));
  return command;
}

/** The params out of commander's parsed options: every param present (defaults included), validated. */
export function paramsFromOptions(options: Record<string, unknown>, specs: readonly ParamSpec[]): ParamValues {
  const record: Record<string, unknown> = {};
  for (const spec of specs) {
    const value = options[attributeName(spec)];
    if (value !== undefined) record[spec.id] = value;
  }
  return validateParams(record, specs);
}

/** The repository's `presets/` folder, wherever the CLI is run from. */
export const SHIPPED_PRESETS_DIR = fileURLToPath(new URL('../../presets', import.meta.url));

/** `--preset NAME|FILE`: a shipped preset of this plugin by name, or a preset file. */
export function presetOption(descriptor: PluginDescriptor): Option {
  return new Option('--preset <name|file>', `start from a preset: a name in presets/${descriptor.id}/ or a preset .json file; flags given change it`);
}

async function readPresetParams(descriptor: PluginDescriptor, value: string): Promise<ParamValues> {
  const isFile = value.endsWith('.json') || value.includes('/') || value.includes('\\');
  const path = isFile ? value : join(SHIPPED_PRESETS_DIR, descriptor.id, `${value}.json`);
  const bytes = await readInputFile(path);
  return loadPreset(new TextDecoder().decode(bytes), descriptor, path).params;
}

/**
 * The params a plugin command runs with: the preset's when `--preset` is given (else the
 * defaults), changed by every param flag the user typed.
 */
export async function paramsFromCommand(command: Command, descriptor: PluginDescriptor, options: Record<string, unknown>): Promise<ParamValues> {
  const preset = typeof options.preset === 'string' ? await readPresetParams(descriptor, options.preset) : undefined;
  if (preset === undefined) return paramsFromOptions(options, descriptor.params);
  const typed: Record<string, unknown> = {};
  for (const spec of descriptor.params) {
    const key = attributeName(spec);
    if (command.getOptionValueSource(key) === 'cli') typed[key] = options[key];
  }
  const record: Record<string, unknown> = { ...preset };
  for (const spec of descriptor.params) if (attributeName(spec) in typed) record[spec.id] = typed[attributeName(spec)];
  return validateParams(record, descriptor.params);
}
