/**
 * Presets: `presets/<plugin-id>/<name>.json` files holding `{ plugin, version, params }`.
 * Parsing is pure (callers read the files); every error is one line naming the bad field.
 */
import { z } from 'zod';
import { AleaError, badInput, isAleaError } from '../core/errors.ts';
import { assertCompatible } from './compat.ts';
import { validateParams } from './params.ts';
import type { PluginRegistry } from './registry.ts';
import type { DataParser } from './state.ts';
import type { ParamValues, PluginData, PluginDescriptor } from './types.ts';
import { describeZodIssue } from './zod-issues.ts';

export interface Preset {
  /** file name without folder and `.json` */
  name: string;
  plugin: string;
  version: string;
  /** complete and validated: params missing from the file hold their defaults */
  params: ParamValues;
  /** what the plugin keeps beyond params (see PluginState.data), checked by its `parseData` */
  data?: PluginData;
}

export const PRESETS_FOLDER = 'presets';

// Schemas are built on first parse (z.lazy): building them all as modules load held the page's start-up ~20 ms.
const presetFileSchema = z.lazy(() =>
  z.strictObject({
    plugin: z.string(),
    version: z.string(),
    params: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
    data: z.json().optional(),
  }),
);

function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  return last.replace(/\.json$/i, '');
}

function parseJson(jsonText: string): unknown {
  try {
    return JSON.parse(jsonText) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw badInput(`not valid JSON (${detail})`);
  }
}

/**
 * Parses and validates a preset for `descriptor`.
 * @throws AleaError 'bad-input' naming `fileName` and the bad field
 */
export function loadPreset(jsonText: string, descriptor: PluginDescriptor, fileName: string, parseData?: DataParser): Preset {
  try {
    const parsed = presetFileSchema.safeParse(parseJson(jsonText), { reportInput: true });
    if (!parsed.success) throw badInput(describeZodIssue(parsed.error.issues[0]));
    const { plugin, version, params, data } = parsed.data;
    assertCompatible(plugin, version, descriptor);
    const preset: Preset = { name: baseName(fileName), plugin, version, params: validateParams(params, descriptor.params) };
    if (data !== undefined) preset.data = parseData === undefined ? data : parseData(data);
    return preset;
  } catch (error) {
    if (isAleaError(error)) throw error.inFile(fileName);
    throw error;
  }
}

/** The JSON text of a preset file (stable key order, trailing newline). */
export function presetToJson(plugin: PluginDescriptor, params: ParamValues, data?: PluginData): string {
  const ordered: ParamValues = {};
  for (const spec of plugin.params) if (spec.id in params) ordered[spec.id] = params[spec.id];
  const file = data === undefined ? { plugin: plugin.id, version: plugin.version, params: ordered } : { plugin: plugin.id, version: plugin.version, params: ordered, data };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Where a preset lives, relative to the project root. */
export function presetPath(pluginId: string, name: string): string {
  return `${PRESETS_FOLDER}/${pluginId}/${name}.json`;
}

export interface PresetFile {
  /** `<plugin-id>/<name>.json`, optionally under a `presets/` folder */
  path: string;
  text: string;
}

export interface PresetSet {
  /** valid presets, sorted by plugin then name */
  presets: Preset[];
  /** one per bad file, each naming its file */
  errors: AleaError[];
}

/**
 * Validates a set of preset files against the registry: the folder names the plugin, and every
 * file must parse for it. Bad files are reported, not thrown, so one typo does not hide the rest.
 */
export function loadPresetSet(files: readonly PresetFile[], registry: PluginRegistry): PresetSet {
  const presets: Preset[] = [];
  const errors: AleaError[] = [];
  for (const file of files) {
    const parts = file.path.split(/[\\/]/).filter((p) => p.length > 0);
    const folder = parts.length >= 2 ? parts[parts.length - 2] : undefined;
    const plugin = folder === undefined ? undefined : registry.find(folder);
    if (plugin === undefined) {
      errors.push(badInput(`no plugin '${folder ?? ''}' for this preset folder`, file.path));
      continue;
    }
    try {
      presets.push(loadPreset(file.text, plugin.descriptor, file.path, plugin.parseData?.bind(plugin)));
    } catch (error) {
      if (!isAleaError(error)) throw error;
      errors.push(error);
    }
  }
  // by code unit: localeCompare sets up ICU's collator on first use, 40-56 ms of the page's task
  // the first time a rack slot lists its presets (measured); plugin ids and preset names are ASCII
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  presets.sort((a, b) => order(a.plugin, b.plugin) || order(a.name, b.name));
  return { presets, errors };
}
