/**
 * Sampler (instrument): plays recorded-style notes from a small multisample set that the engine
 * synthesises in code (nothing is downloaded). A pure description, like poly-synth.
 */
import { validateParams } from '../params.ts';
import type { InstrumentPlugin, ParamValues, PluginDescriptor } from '../types.ts';

export const SAMPLER_SOUNDS = ['keys', 'pluck', 'bass', 'bell', 'drums'] as const;
export type SamplerSound = (typeof SAMPLER_SOUNDS)[number];

export const samplerDescriptor: PluginDescriptor = {
  id: 'sampler',
  name: 'Sampler',
  version: '1.0.0',
  kind: 'instrument',
  description: 'Multisample player with built-in synthesised sounds (keys, pluck, bass, bell, drum kit).',
  params: [
    { id: 'sound', label: 'Sound', kind: 'choice', choices: [...SAMPLER_SOUNDS], default: 'keys', automatable: false },
    { id: 'attack', label: 'Attack', kind: 'float', min: 0, max: 2, default: 0, unit: 's', step: 0.001 },
    { id: 'release', label: 'Release', kind: 'float', min: 0, max: 5, default: 0.3, unit: 's', step: 0.001 },
    { id: 'volume', label: 'Volume', kind: 'float', min: -60, max: 6, default: -6, unit: 'dB', step: 0.1 },
  ],
};

export interface SamplerSettings {
  sound: SamplerSound;
  /** seconds of fade-in */
  attack: number;
  /** seconds of fade-out after note off */
  release: number;
  /** dB */
  volume: number;
}

function isSound(value: unknown): value is SamplerSound {
  return typeof value === 'string' && (SAMPLER_SOUNDS as readonly string[]).includes(value);
}

/** Typed view of a validated param record. */
export function samplerSettings(params: ParamValues): SamplerSettings {
  const num = (id: string, fallback: number): number => {
    const v = params[id];
    return typeof v === 'number' ? v : fallback;
  };
  return {
    sound: isSound(params.sound) ? params.sound : 'keys',
    attack: num('attack', 0),
    release: num('release', 0.3),
    volume: num('volume', -6),
  };
}

export const samplerPlugin: InstrumentPlugin = {
  descriptor: samplerDescriptor,
  createVoice: async (params) => ({ kind: 'sampler', settings: samplerSettings(validateParams(params, samplerDescriptor.params)) }),
};
