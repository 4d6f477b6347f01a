/**
 * A registry holding Alea's built-in plugins. Every face (CLI, ML worker, app, presets, projects)
 * reaches plugins through it: adding a plugin is its folder plus one line here.
 */
import { PluginRegistry } from '../registry.ts';
import { continuePlugin } from './continue/plugin.ts';
import { gainPlugin } from './gain.ts';
import { gmSoundfontPlugin } from './gm-soundfont/plugin.ts';
import { infillPlugin } from './infill/plugin.ts';
import { latentSynthPlugin } from './latent-synth/plugin.ts';
import { remixPlugin } from './remix/plugin.ts';
import { polySynthPlugin } from './poly-synth.ts';
import { samplerPlugin } from './sampler.ts';
import { transposeQuantizePlugin } from './transpose-quantize.ts';

export function createBuiltinRegistry(): PluginRegistry {
  return new PluginRegistry()
    .register(continuePlugin)
    .register(infillPlugin)
    .register(transposeQuantizePlugin)
    .register(polySynthPlugin)
    .register(samplerPlugin)
    .register(latentSynthPlugin)
    .register(gmSoundfontPlugin)
    .register(gainPlugin)
    .register(remixPlugin);
}
