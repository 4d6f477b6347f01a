/**
 * Poly Synth (instrument): one band-limited oscillator per voice with an ADSR amplitude envelope,
 * through a low-pass filter. A pure description: the engine realises it with Tone.PolySynth for
 * playback and with its own renderer for export, from the same settings.
 */
import { validateParams } from '../params.ts';
import type { InstrumentPlugin, ParamValues, PluginDescriptor } from '../types.ts';

export const OSCILLATOR_TYPES = ['sine', 'triangle', 'sawtooth', 'square'] as const;
export type OscillatorType = (typeof OSCILLATOR_TYPES)[number];

export const polySynthDescriptor: PluginDescriptor = {
  id: 'poly-synth',
  name: 'Poly Synth',
  version: '1.0.0',
  kind: 'instrument',
  description: 'Polyphonic subtractive synth: oscillator, ADSR envelope, low-pass filter.',
  params: [
    { id: 'oscillator', label: 'Oscillator', kind: 'choice', choices: [...OSCILLATOR_TYPES], default: 'triangle' },
    { id: 'attack', label: 'Attack', kind: 'float', min: 0, max: 10, default: 0.01, unit: 's', scale: 'linear', step: 0.001 },
    { id: 'decay', label: 'Decay', kind: 'float', min: 0, max: 10, default: 0.2, unit: 's', step: 0.001 },
    { id: 'sustain', label: 'Sustain', kind: 'float', min: 0, max: 1, default: 0.6, step: 0.01 },
    { id: 'release', label: 'Release', kind: 'float', min: 0, max: 10, default: 0.4, unit: 's', step: 0.001 },
    { id: 'cutoff', label: 'Filter cutoff', kind: 'float', min: 20, max: 20000, default: 8000, unit: 'Hz', scale: 'log' },
    { id: 'detune', label: 'Detune', kind: 'float', min: -100, max: 100, default: 0, unit: 'cents', step: 1 },
    { id: 'volume', label: 'Volume', kind: 'float', min: -60, max: 6, default: -8, unit: 'dB', step: 0.1 },
  ],
};

export interface PolySynthSettings {
  oscillator: OscillatorType;
  /** seconds */
  attack: number;
  decay: number;
  /** level 0..1 held after the decay */
  sustain: number;
  release: number;
  /** Hz */
  cutoff: number;
  /** cents */
  detune: number;
  /** dB */
  volume: number;
}

function isOscillator(value: unknown): value is OscillatorType {
  return typeof value === 'string' && (OSCILLATOR_TYPES as readonly string[]).includes(value);
}

/** Typed view of a validated param record. */
export function polySynthSettings(params: ParamValues): PolySynthSettings {
  const num = (id: string, fallback: number): number => {
    const v = params[id];
    return typeof v === 'number' ? v : fallback;
  };
  return {
    oscillator: isOscillator(params.oscillator) ? params.oscillator : 'triangle',
    attack: num('attack', 0.01),
    decay: num('decay', 0.2),
    sustain: num('sustain', 0.6),
    release: num('release', 0.4),
    cutoff: num('cutoff', 8000),
    detune: num('detune', 0),
    volume: num('volume', -8),
  };
}

export const polySynthPlugin: InstrumentPlugin = {
  descriptor: polySynthDescriptor,
  createVoice: async (params) => ({ kind: 'synth', settings: polySynthSettings(validateParams(params, polySynthDescriptor.params)) }),
};
