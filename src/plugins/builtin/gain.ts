/**
 * Gain (audio effect): scales every sample by a level in dB, optionally with the polarity
 * flipped. The smallest real audio effect: it exercises the streamed audio-effect path end to end.
 */
import { validateParams } from '../params.ts';
import type { AudioChunk, AudioEffectPlugin, AudioProcessor, ParamValues, PluginDescriptor } from '../types.ts';

export const gainDescriptor: PluginDescriptor = {
  id: 'gain',
  name: 'Gain',
  version: '1.0.0',
  kind: 'audio-effect',
  description: 'Changes the level of audio by a number of decibels.',
  params: [
    { id: 'gain', label: 'Gain', kind: 'float', min: -60, max: 24, default: 0, unit: 'dB', step: 0.1, hint: 'level change in decibels' },
    { id: 'invert', label: 'Invert polarity', kind: 'bool', default: false, hint: 'flip the waveform upside down' },
  ],
};

/** The linear factor the params ask for. */
export function gainFactor(params: ParamValues): number {
  const p = validateParams(params, gainDescriptor.params);
  const factor = Math.pow(10, Number(p.gain) / 20);
  return p.invert === true ? -factor : factor;
}

function scaled(chunk: AudioChunk, factor: number): AudioChunk {
  return chunk.map((channel) => channel.map((sample) => sample * factor));
}

export const gainPlugin: AudioEffectPlugin = {
  descriptor: gainDescriptor,
  createProcessor: async (params) => {
    const factor = gainFactor(params);
    const processor: AudioProcessor = {
      latencySamples: 0,
      process: (chunk) => scaled(chunk, factor),
      flush: () => [],
    };
    return processor;
  },
};
