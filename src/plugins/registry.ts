/** The plugins a host knows, by id and by kind. */
import { AleaError, badInput } from '../core/errors.ts';
import { isAudioEffect, isInstrument, isMidiEffect, isMidiGenerator } from './kinds.ts';
import type { Plugin, PluginKind } from './types.ts';

const IMPLEMENTS: Record<PluginKind, (plugin: Plugin) => boolean> = {
  'midi-generator': isMidiGenerator,
  'midi-effect': isMidiEffect,
  instrument: isInstrument,
  'audio-effect': isAudioEffect,
};

export class PluginRegistry {
  private readonly plugins = new Map<string, Plugin>();

  /**
   * @throws AleaError 'failure' when the id is taken or the plugin lacks its kind's function
   * (both are bugs in the plugin, found at startup rather than when a face first calls it)
   */
  register(plugin: Plugin): this {
    const { id, kind } = plugin.descriptor;
    if (this.plugins.has(id)) throw new AleaError('failure', `plugin id '${id}' is already registered`);
    if (!IMPLEMENTS[kind](plugin)) throw new AleaError('failure', `plugin '${id}' does not implement the ${kind} interface`);
    this.plugins.set(id, plugin);
    return this;
  }

  find(id: string): Plugin | undefined {
    return this.plugins.get(id);
  }

  /** @throws AleaError 'bad-input' naming the unknown id and the known ones */
  get(id: string): Plugin {
    const plugin = this.plugins.get(id);
    if (plugin === undefined) {
      throw badInput(`unknown plugin '${id}' (known: ${[...this.plugins.keys()].sort().join(', ')})`);
    }
    return plugin;
  }

  has(id: string): boolean {
    return this.plugins.has(id);
  }

  /** All plugins, or those of one kind, in registration order. */
  list(kind?: PluginKind): Plugin[] {
    const all = [...this.plugins.values()];
    return kind === undefined ? all : all.filter((p) => p.descriptor.kind === kind);
  }
}
