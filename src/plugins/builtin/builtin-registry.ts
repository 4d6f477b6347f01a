/** A registry holding Alea's built-in plugins; model plugins register themselves on top. */
import { PluginRegistry } from '../registry.ts';
import { polySynthPlugin } from './poly-synth.ts';
import { samplerPlugin } from './sampler.ts';
import { transposeQuantizePlugin } from './transpose-quantize.ts';

export function createBuiltinRegistry(): PluginRegistry {
  return new PluginRegistry().register(transposeQuantizePlugin).register(polySynthPlugin).register(samplerPlugin);
}
