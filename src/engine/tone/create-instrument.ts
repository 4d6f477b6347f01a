/** Builds the Tone.js instrument that plays a voice: what the voice is, not which plugin made it. */
import type { PlayableVoice } from '../instruments/voice.ts';
import { ToneMultisampleInstrument } from './multisample-instrument.ts';
import { ToneSynthInstrument } from './synth-instrument.ts';
import type { ToneInstrument } from './tone-instrument.ts';

export function createToneInstrument(voice: PlayableVoice): ToneInstrument {
  return voice.kind === 'multisample' ? new ToneMultisampleInstrument(voice) : new ToneSynthInstrument(voice.settings);
}
