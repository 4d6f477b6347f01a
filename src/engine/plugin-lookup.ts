/**
 * The plugins the engine can host, looked up in one registry by id and kind. The engine never
 * names a plugin to decide what to do: it asks the registry (and, for instruments, the voice
 * the plugin describes: see instruments/voice.ts).
 */
import { badInput, isAleaError } from '../core/errors.ts';
import { createBuiltinRegistry } from '../plugins/builtin/builtin-registry.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import { createState, stateFromObject } from '../plugins/state.ts';
import type { PluginDescriptor, PluginKind, PluginState } from '../plugins/types.ts';

let registry: PluginRegistry | null = null;

/** The registry the engine hosts plugins from (the built-ins unless `useEngineRegistry` changed it). */
export function engineRegistry(): PluginRegistry {
  registry ??= createBuiltinRegistry();
  return registry;
}

/** Hosts another registry's plugins (a host that registered more plugins, or a test). */
export function useEngineRegistry(next: PluginRegistry): void {
  registry = next;
}

const KIND_WORD: Record<PluginKind, string> = {
  'midi-generator': 'MIDI generator',
  'midi-effect': 'MIDI effect',
  instrument: 'instrument',
  'audio-effect': 'audio effect',
};

/** @throws AleaError 'bad-input' for an unknown plugin or one of another kind */
export function hostedDescriptor(plugin: string, kind: PluginKind): PluginDescriptor {
  const found = engineRegistry().find(plugin);
  if (found === undefined || found.descriptor.kind !== kind) {
    const known = engineRegistry()
      .list(kind)
      .map((p) => p.descriptor.id);
    throw badInput(`${KIND_WORD[kind]} '${plugin}' is not one the engine plays (${known.join(', ')})`);
  }
  return found.descriptor;
}

/** A fresh instance state of a hosted plugin, `params` validated and completed by defaults. */
export function pluginState(plugin: string, kind: PluginKind, params: Record<string, unknown> = {}): PluginState {
  return createState(hostedDescriptor(plugin, kind), params);
}

/**
 * Checks a saved instance state against its plugin: known id of the right kind, compatible
 * version, valid params. Returns it with params completed by their defaults.
 * @throws AleaError 'bad-input' prefixed with `where` (e.g. "track 2 (Bass)")
 */
export function validatePluginState(state: PluginState, kind: PluginKind, where: string): PluginState {
  try {
    const descriptor = hostedDescriptor(state.plugin, kind);
    const plugin = engineRegistry().get(state.plugin);
    return stateFromObject(state, descriptor, plugin.parseData?.bind(plugin));
  } catch (error) {
    if (isAleaError(error)) throw badInput(`${where}: ${error.message}`);
    throw error;
  }
}
