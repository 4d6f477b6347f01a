/** Whether saved data (a preset, a state) belongs to this plugin and version. */
import { badInput } from '../core/errors.ts';
import type { PluginDescriptor } from './types.ts';

function major(version: string): string {
  return version.split('.')[0] ?? version;
}

/**
 * Same plugin id and same major version: minor releases only add params (with defaults), so
 * older data still loads; a new major version may change a param's meaning, so it is refused.
 */
export function assertCompatible(plugin: string, version: string, descriptor: PluginDescriptor): void {
  if (plugin !== descriptor.id) {
    throw badInput(`field 'plugin' is '${plugin}' but this is for plugin '${descriptor.id}'`);
  }
  if (major(version) !== major(descriptor.version)) {
    throw badInput(
      `field 'version' is ${version} but plugin '${descriptor.id}' is version ${descriptor.version} (major versions differ)`,
    );
  }
}
