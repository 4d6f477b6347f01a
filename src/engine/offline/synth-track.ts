/**
 * Renders a poly-synth track to mono: per note a band-limited wavetable oscillator times Tone's
 * ADSR, summed, then the instrument's low-pass filter and volume. The filter is linear and
 * static, so filtering the sum equals filtering each voice (and is what the Tone graph does:
 * PolySynth → Filter).
 */
import type { PolySynthSettings } from '../../plugins/builtin/poly-synth.ts';
import { lowpassInPlace } from '../dsp/biquad.ts';
import { writeAdsr } from '../dsp/envelope.ts';
import { midiToFrequency } from '../dsp/partials.ts';
import { TABLE_SIZE, wavetableFor } from '../dsp/wavetable.ts';
import type { NoteEvent } from '../note-events.ts';

/** Tone.Filter's default resonance (a Web Audio low-pass Q, in dB). */
export const SYNTH_FILTER_Q = 1;

/** Seconds a poly-synth note sounds after its note-on. */
export function synthVoiceSeconds(event: NoteEvent, settings: PolySynthSettings): number {
  return event.duration + settings.release;
}

/**
 * Adds one voice into `out`, which holds samples [from, from + out.length) of a track `total`
 * samples long; `envelope` is scratch space at least as long as the voice. The oscillator runs
 * from the voice's start whatever the window, so windows give exactly the whole-track samples.
 */
export function addSynthVoice(
  out: Float32Array,
  from: number,
  total: number,
  event: NoteEvent,
  settings: PolySynthSettings,
  sampleRate: number,
  envelope: Float32Array,
): void {
  const start = Math.round(event.time * sampleRate);
  const length = Math.min(total - start, Math.ceil(synthVoiceSeconds(event, settings) * sampleRate));
  const first = Math.max(0, from - start);
  const end = Math.min(length, from + out.length - start);
  if (end <= first) return;
  const env = envelope.subarray(0, length);
  writeAdsr(env, settings, event.velocity, event.duration, sampleRate);
  const frequency = midiToFrequency(event.pitch) * Math.pow(2, settings.detune / 1200);
  const table = wavetableFor(settings.oscillator, frequency, sampleRate);
  const increment = (frequency * TABLE_SIZE) / sampleRate;
  let phase = 0;
  for (let i = 0; i < first; i++) {
    phase += increment;
    if (phase >= TABLE_SIZE) phase -= TABLE_SIZE;
  }
  const offset = start - from;
  for (let i = first; i < end; i++) {
    const index = phase | 0;
    const a = table[index];
    out[offset + i] += (a + (table[index + 1] - a) * (phase - index)) * env[i];
    phase += increment;
    if (phase >= TABLE_SIZE) phase -= TABLE_SIZE;
  }
}

/**
 * A mono track of `out.length` samples (before the mixer strip) rendered into `out`, a step per
 * note (a live engine may pause between them); the filter and instrument volume are applied to
 * the sum once the last note is in.
 */
export function* synthTrackSteps(events: readonly NoteEvent[], settings: PolySynthSettings, sampleRate: number, out: Float32Array): Generator<void> {
  const length = out.length;
  let longest = 0;
  for (const e of events) longest = Math.max(longest, Math.ceil(synthVoiceSeconds(e, settings) * sampleRate));
  const envelope = new Float32Array(Math.min(length, longest));
  for (const event of events) {
    addSynthVoice(out, 0, length, event, settings, sampleRate, envelope);
    yield;
  }
  lowpassInPlace(out, settings.cutoff, SYNTH_FILTER_Q, sampleRate);
  const gain = Math.pow(10, settings.volume / 20);
  for (let i = 0; i < length; i++) out[i] *= gain;
}
