/**
 * The plugins the app offers, straight from the registry: a plugin registered there appears in
 * the app's lists with no change here. The ML worker builds the same registry.
 */
import { createBuiltinRegistry } from '../../plugins/builtin/builtin-registry.ts';
import type { PluginRegistry } from '../../plugins/registry.ts';
import type { ParamSpec, PluginDescriptor, PluginKind } from '../../plugins/types.ts';

let registry: PluginRegistry | null = null;

/** The registry the app lists plugins from. */
export function appRegistry(): PluginRegistry {
  registry ??= createBuiltinRegistry();
  return registry;
}

/** The descriptors of one kind, in registration order (what a plugin menu shows). */
export function pluginChoices(kind: PluginKind, from: PluginRegistry = appRegistry()): PluginDescriptor[] {
  return from.list(kind).map((p) => p.descriptor);
}

/** The param a plugin's model picker sets, if it has one. */
export function modelParam(descriptor: PluginDescriptor): ParamSpec | undefined {
  return descriptor.params.find((spec) => spec.kind === 'model');
}

/** How a param is shown in a panel: its control, from the spec alone. */
export type ParamControl = 'model' | 'checkbox' | 'select' | 'slider' | 'number' | 'seed';

/**
 * Floats with a finite range are sliders; ints are number fields (a `seed` param gets a dice
 * button); choices are menus; bools checkboxes; a model param is the model picker's.
 */
export function paramControl(spec: ParamSpec): ParamControl {
  switch (spec.kind) {
    case 'model':
      return 'model';
    case 'bool':
      return 'checkbox';
    case 'choice':
      return 'select';
    case 'float':
      return spec.min !== undefined && spec.max !== undefined ? 'slider' : 'number';
    case 'int':
      return spec.id === 'seed' ? 'seed' : 'number';
  }
}
