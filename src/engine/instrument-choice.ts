/** Which instrument a MIDI track gets by default, and the instruments the engine hosts. */
import type { Track } from '../core/music/types.ts';
import type { ParamValues, PluginDescriptor, PluginState } from '../plugins/types.ts';
import { engineRegistry, hostedDescriptor, pluginState } from './plugin-lookup.ts';

/** The instrument plugins the engine can play: every instrument in its registry. */
export function engineInstruments(): PluginDescriptor[] {
  return engineRegistry()
    .list('instrument')
    .map((p) => p.descriptor);
}

/** @throws AleaError 'bad-input' for a plugin the engine cannot play */
export function instrumentDescriptor(plugin: string): PluginDescriptor {
  return hostedDescriptor(plugin, 'instrument');
}

function sampler(sound: string, overrides: ParamValues = {}): PluginState {
  return pluginState('sampler', 'instrument', { sound, ...overrides });
}

function polySynth(overrides: ParamValues): PluginState {
  return pluginState('poly-synth', 'instrument', overrides);
}

/** A sensible sound for a track from its General MIDI program family. */
export function defaultInstrumentFor(track: Pick<Track, 'program' | 'isDrum'>): PluginState {
  if (track.isDrum) return sampler('drums', { release: 0, volume: -6 });
  const family = Math.floor(track.program / 8);
  switch (family) {
    case 0: // pianos
    case 2: // organs
      return sampler('keys');
    case 1: // chromatic percussion
      return sampler('bell', { release: 1 });
    case 3: // guitars
      return sampler('pluck');
    case 4: // basses
      return sampler('bass', { release: 0.12 });
    case 5: // strings
    case 6: // ensembles
    case 11: // pads
      return polySynth({ oscillator: 'sawtooth', attack: 0.3, decay: 0.5, sustain: 0.7, release: 0.8, cutoff: 1800, volume: -14 });
    default: // leads, brass, reeds, pipes, effects
      return polySynth({ oscillator: 'triangle', attack: 0.02, release: 0.3, cutoff: 6000, volume: -8 });
  }
}
