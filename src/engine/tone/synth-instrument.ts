/**
 * The poly-synth plugin realised with Tone.js: a PolySynth of Synth voices (oscillator + ADSR)
 * into one low-pass Tone.Filter. The offline renderer (offline/synth-track.ts) mirrors this graph.
 */
import * as Tone from 'tone';
import type { PolySynthSettings } from '../../plugins/builtin/poly-synth.ts';
import { midiToFrequency } from '../dsp/partials.ts';
import type { NoteEvent } from '../note-events.ts';
import { SYNTH_FILTER_Q } from '../offline/synth-track.ts';
import type { ToneInstrument } from './tone-instrument.ts';

export class ToneSynthInstrument implements ToneInstrument {
  readonly synth: Tone.PolySynth<Tone.Synth>;
  readonly filter: Tone.Filter;

  constructor(settings: PolySynthSettings) {
    this.synth = new Tone.PolySynth({
      voice: Tone.Synth,
      maxPolyphony: 64,
      volume: settings.volume,
      options: {
        detune: settings.detune,
        oscillator: { type: settings.oscillator },
        envelope: { attack: settings.attack, decay: settings.decay, sustain: settings.sustain, release: settings.release },
      },
    });
    this.filter = new Tone.Filter({ type: 'lowpass', frequency: settings.cutoff, rolloff: -12, Q: SYNTH_FILTER_Q });
    this.synth.connect(this.filter);
  }

  get output(): Tone.ToneAudioNode {
    return this.filter;
  }

  play(event: NoteEvent, time: number): void {
    this.synth.triggerAttackRelease(midiToFrequency(event.pitch), event.duration, time, event.velocity);
  }

  noteOn(pitch: number, velocity: number, time: number): void {
    this.synth.triggerAttack(midiToFrequency(pitch), time, velocity);
  }

  noteOff(pitch: number, time: number): void {
    this.synth.triggerRelease(midiToFrequency(pitch), time);
  }

  releaseAll(): void {
    this.synth.releaseAll();
  }

  dispose(): void {
    this.synth.dispose();
    this.filter.dispose();
  }
}
