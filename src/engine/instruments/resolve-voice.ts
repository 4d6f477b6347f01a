/**
 * Turns an instrument instance into a voice the engine plays, through the plugin registry: the
 * plugin's `createVoice` says what it is (synth settings, a built-in sample set, or its own
 * zones); nothing here depends on which plugin it is.
 */
import { badInput } from '../../core/errors.ts';
import { isInstrument, type InstrumentVoice, type PluginState } from '../../plugins/types.ts';
import { engineRegistry, hostedDescriptor } from '../plugin-lookup.ts';
import { samplerVoice, warmSamplerRoots } from './builtin-voices.ts';
import type { PlayableVoice, VoiceContext } from './voice.ts';

/** The playable form of any instrument voice at `context.sampleRate`. */
export function playableVoice(voice: InstrumentVoice, context: VoiceContext): PlayableVoice {
  switch (voice.kind) {
    case 'synth':
      return voice;
    case 'sampler':
      return samplerVoice(voice.settings, context);
    case 'multisample':
      return {
        kind: 'multisample',
        sampleRate: voice.sampleRate,
        zones: voice.zones,
        attack: voice.attack,
        release: voice.release,
        volumeDb: voice.volume,
        oneShot: voice.oneShot === true,
      };
  }
}

/**
 * The voice of an instrument instance.
 * @throws AleaError 'bad-input' for a plugin that is not an instrument the engine hosts
 */
export async function resolveVoice(state: PluginState, context: VoiceContext): Promise<PlayableVoice> {
  hostedDescriptor(state.plugin, 'instrument');
  const plugin = engineRegistry().get(state.plugin);
  if (!isInstrument(plugin)) throw badInput(`instrument '${state.plugin}' describes no voice the engine can play`);
  // the instance's data (Latent Synth's sounds) travels with the host's context
  const pluginContext = state.data === undefined ? context.plugin : { ...context.plugin, data: state.data };
  const voice = await plugin.createVoice(state.params, pluginContext);
  if (voice.kind === 'sampler' && context.pause !== undefined) await warmSamplerRoots(voice.settings, context, context.pause);
  return playableVoice(voice, context);
}
