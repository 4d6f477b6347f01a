/** Plugin instance state: create, change, bypass, save to and restore from JSON. */
import { z } from 'zod';
import { badInput, isAleaError } from '../core/errors.ts';
import { assertCompatible } from './compat.ts';
import { defaultParams, validateParams, withParam } from './params.ts';
import type { PluginData, PluginDescriptor, PluginState } from './types.ts';

/** A plugin's check of its state `data` (Plugin.parseData). */
export type DataParser = (raw: unknown) => PluginData;
import { describeZodIssue } from './zod-issues.ts';

// Schemas are built on first parse (z.lazy): building them all as modules load held the page's start-up ~20 ms.
const stateSchema = z.lazy(() =>
  z.strictObject({
    plugin: z.string(),
    version: z.string(),
    params: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
    bypass: z.boolean(),
    data: z.json().optional(),
  }),
);

/** A fresh instance: default params (overridden by `params`, validated), not bypassed. */
export function createState(descriptor: PluginDescriptor, params: Record<string, unknown> = {}): PluginState {
  const values = Object.keys(params).length === 0 ? defaultParams(descriptor.params) : validateParams(params, descriptor.params);
  return { plugin: descriptor.id, version: descriptor.version, params: values, bypass: false };
}

export function setStateParam(state: PluginState, descriptor: PluginDescriptor, id: string, value: unknown): PluginState {
  return { ...state, params: withParam(state.params, descriptor.params, id, value) };
}

export function setBypass(state: PluginState, bypass: boolean): PluginState {
  return { ...state, bypass };
}

/** The state with `data` replaced (checked by the plugin's parser when given). */
export function setStateData(state: PluginState, data: unknown, parseData?: DataParser): PluginState {
  return { ...state, data: checkedData(data, parseData) };
}

export function stateToJson(state: PluginState): string {
  const { plugin, version, params, bypass, data } = state;
  return JSON.stringify(data === undefined ? { plugin, version, params, bypass } : { plugin, version, params, bypass, data });
}

/**
 * Restores a saved state, checking it against the plugin it claims to be for.
 * @throws AleaError 'bad-input' naming the bad field (and `fileName` when given)
 */
export function stateFromJson(jsonText: string, descriptor: PluginDescriptor, fileName?: string, parseData?: DataParser): PluginState {
  try {
    let raw: unknown;
    try {
      raw = JSON.parse(jsonText) as unknown;
    } catch (error) {
      throw badInput(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    return stateFromObject(raw, descriptor, parseData);
  } catch (error) {
    if (isAleaError(error) && fileName !== undefined) throw error.inFile(fileName);
    throw error;
  }
}

/**
 * Same as stateFromJson for an already parsed value (e.g. inside a project file). `data` is kept
 * when present: checked by `parseData` when given, else only as JSON.
 */
export function stateFromObject(raw: unknown, descriptor: PluginDescriptor, parseData?: DataParser): PluginState {
  const parsed = stateSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw badInput(describeZodIssue(parsed.error.issues[0]));
  assertCompatible(parsed.data.plugin, parsed.data.version, descriptor);
  return {
    plugin: descriptor.id,
    version: descriptor.version,
    params: validateParams(parsed.data.params, descriptor.params),
    bypass: parsed.data.bypass,
    ...(parsed.data.data === undefined ? {} : { data: checkedData(parsed.data.data, parseData) }),
  };
}

function checkedData(data: unknown, parseData?: DataParser): PluginData {
  if (parseData !== undefined) return parseData(data);
  const parsed = z.json().safeParse(data, { reportInput: true });
  if (!parsed.success) throw badInput(`field 'data' is not plain JSON (${describeZodIssue(parsed.error.issues[0])})`);
  return parsed.data;
}
