/**
 * The presets Alea ships (presets/<plugin-id>/*.json), bundled into the app at build time so
 * the rack lists them offline; each is validated against its plugin as the CLI's --preset does.
 */
import type { AleaError } from '../../../core/errors.ts';
import { loadPresetSet, type Preset } from '../../../plugins/presets.ts';
import type { PluginRegistry } from '../../../plugins/registry.ts';
import { appRegistry } from '../../lib/plugin-list.ts';

const FILES = import.meta.glob('../../../../presets/*/*.json', { query: '?raw', import: 'default', eager: true });

let cached: { presets: Preset[]; errors: AleaError[] } | null = null;

/** Every valid shipped preset (bad files are left out and reported in `errors`). */
export function shippedPresets(registry: PluginRegistry = appRegistry()): { presets: Preset[]; errors: AleaError[] } {
  cached ??= loadPresetSet(
    Object.entries(FILES).map(([path, text]) => ({ path: path.replace(/^(\.\.\/)+/, ''), text: String(text) })),
    registry,
  );
  return cached;
}

/** The shipped presets of one plugin, by name. */
export function presetsFor(pluginId: string): Preset[] {
  return shippedPresets().presets.filter((p) => p.plugin === pluginId);
}
