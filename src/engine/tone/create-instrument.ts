/** Builds the Tone.js instrument for a track's instrument choice. */
import { polySynthSettings } from '../../plugins/builtin/poly-synth.ts';
import { samplerSettings } from '../../plugins/builtin/sampler.ts';
import { instrumentDescriptor } from '../instrument-choice.ts';
import type { InstrumentChoice } from '../project.ts';
import { ToneSamplerInstrument } from './sampler-instrument.ts';
import { ToneSynthInstrument } from './synth-instrument.ts';
import type { ToneInstrument } from './tone-instrument.ts';

export function createToneInstrument(choice: InstrumentChoice, pitches?: readonly number[]): ToneInstrument {
  const descriptor = instrumentDescriptor(choice.plugin);
  return descriptor.id === 'sampler'
    ? new ToneSamplerInstrument(samplerSettings(choice.params), pitches)
    : new ToneSynthInstrument(polySynthSettings(choice.params));
}
