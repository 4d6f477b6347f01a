/** The instruments the engine can realise, and which one a MIDI track gets by default. */
import { badInput } from '../core/errors.ts';
import type { Track } from '../core/music/types.ts';
import { defaultParams } from '../plugins/params.ts';
import { polySynthDescriptor } from '../plugins/builtin/poly-synth.ts';
import { samplerDescriptor, type SamplerSound } from '../plugins/builtin/sampler.ts';
import type { ParamValues, PluginDescriptor } from '../plugins/types.ts';
import type { InstrumentChoice } from './project.ts';

export const ENGINE_INSTRUMENTS: readonly PluginDescriptor[] = [polySynthDescriptor, samplerDescriptor];

/** @throws AleaError 'bad-input' for a plugin the engine cannot play */
export function instrumentDescriptor(plugin: string): PluginDescriptor {
  const descriptor = ENGINE_INSTRUMENTS.find((d) => d.id === plugin);
  if (descriptor === undefined) {
    throw badInput(`instrument '${plugin}' is not one the engine plays (${ENGINE_INSTRUMENTS.map((d) => d.id).join(', ')})`);
  }
  return descriptor;
}

function sampler(sound: SamplerSound, overrides: ParamValues = {}): InstrumentChoice {
  return { plugin: 'sampler', params: { ...defaultParams(samplerDescriptor.params), sound, ...overrides } };
}

function polySynth(overrides: ParamValues): InstrumentChoice {
  return { plugin: 'poly-synth', params: { ...defaultParams(polySynthDescriptor.params), ...overrides } };
}

/** A sensible sound for a track from its General MIDI program family. */
export function defaultInstrumentFor(track: Pick<Track, 'program' | 'isDrum'>): InstrumentChoice {
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
