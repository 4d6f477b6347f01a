/**
 * Voices built ahead in the ML worker (Latent Synth's, made with its model) for the engines that
 * have no models: the live session on the page and the render worker. Each gets a registry in
 * which an instrument first looks for a voice built for exactly its params and data.
 */
import { createBuiltinRegistry } from '../../plugins/builtin/builtin-registry.ts';
import { validateParams } from '../../plugins/params.ts';
import { PluginRegistry } from '../../plugins/registry.ts';
import { isInstrument, type InstrumentPlugin, type InstrumentVoice, type ParamValues, type PluginData } from '../../plugins/types.ts';
import type { BuiltVoice } from '../worker/protocol.ts';

/** Keys sorted by code unit: localeCompare sets up a collator on first use, a cost on the page for nothing here. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/** The same text for the same plugin, params (any key order) and data. */
export function voiceKey(plugin: string, params: ParamValues, data: PluginData | undefined): string {
  return JSON.stringify(canonical([plugin, params, data ?? null]));
}

export class BuiltVoices {
  private readonly voices = new Map<string, BuiltVoice>();

  constructor(initial: readonly BuiltVoice[] = []) {
    for (const built of initial) this.add(built);
  }

  add(built: BuiltVoice): void {
    this.voices.set(voiceKey(built.plugin, built.params, built.data), built);
  }

  find(plugin: string, params: ParamValues, data: PluginData | undefined): InstrumentVoice | undefined {
    return this.voices.get(voiceKey(plugin, params, data))?.voice;
  }

  /** Keeps only the voices `keep` says yes to (those a project still plays). */
  retain(keep: (built: BuiltVoice) => boolean): void {
    for (const [key, built] of this.voices) if (!keep(built)) this.voices.delete(key);
  }

  list(): BuiltVoice[] {
    return [...this.voices.values()];
  }
}

function withBuiltVoices(plugin: InstrumentPlugin, voices: BuiltVoices): InstrumentPlugin {
  const { id, params: specs } = plugin.descriptor;
  return {
    ...plugin,
    createVoice: async (params, context) => voices.find(id, validateParams(params, specs), context?.data) ?? plugin.createVoice(params, context),
  };
}

/** The built-in registry, each instrument playing a voice built ahead when there is one. */
export function registryWithBuiltVoices(voices: BuiltVoices): PluginRegistry {
  const registry = new PluginRegistry();
  for (const plugin of createBuiltinRegistry().list()) registry.register(isInstrument(plugin) ? withBuiltVoices(plugin, voices) : plugin);
  return registry;
}
