/**
 * Renders a multisample voice's track to mono the way Tone.Sampler plays a note (and the live
 * MultisampleInstrument does): the note's zone, resampled by linear interpolation at
 * 2^(semitones/12), gain = velocity with Tone's fade-in and fade-out curves. One-shot voices
 * (drum hits) ring out whatever the note length; a zone with a sustain loop repeats it while held.
 */
import type { SustainLoop } from '../../core/dsp/sustain-loop.ts';
import { approachValue, writeRelease } from '../dsp/envelope.ts';
import { zoneFor, zoneMono, type MultisampleVoice } from '../instruments/voice.ts';
import type { NoteEvent } from '../note-events.ts';

interface Voice {
  sample: Float32Array;
  rate: number;
  /** output samples the voice lasts */
  length: number;
  /** the zone's sustain loop (sample frames), repeated until the note ends; null: plays out once */
  loop: SustainLoop | null;
}

function voiceFor(event: NoteEvent, voice: MultisampleVoice, sampleRate: number): Voice | undefined {
  const zone = zoneFor(voice.zones, event.pitch, event.velocity * 127);
  if (zone === undefined) return undefined;
  const sample = zoneMono(zone);
  const rate = Math.pow(2, (event.pitch - zone.rootPitch) / 12) * (voice.sampleRate / sampleRate);
  const loop = voice.oneShot ? null : (zone.loop ?? null);
  const playable = loop === null ? Math.max(0, Math.floor((sample.length - 1) / rate)) : Infinity;
  const held = Math.ceil((event.duration + voice.release) * sampleRate);
  return { sample, rate, length: voice.oneShot ? playable : Math.min(playable, held), loop };
}

/** Seconds a multisample note sounds after its note-on. */
export function samplerVoiceSeconds(event: NoteEvent, voice: MultisampleVoice, sampleRate: number): number {
  return (voiceFor(event, voice, sampleRate)?.length ?? 0) / sampleRate;
}

function writeGain(gain: Float32Array, event: NoteEvent, settings: MultisampleVoice, sampleRate: number): void {
  const attackEnd = Math.min(gain.length, Math.ceil(settings.attack * sampleRate));
  for (let i = 0; i < attackEnd; i++) gain[i] = approachValue(0, event.velocity, settings.attack, i / sampleRate);
  gain.fill(event.velocity, attackEnd);
  if (settings.oneShot) return;
  const off = Math.round(event.duration * sampleRate);
  if (off >= gain.length) return;
  const level = off < attackEnd ? gain[off] : event.velocity;
  writeRelease(gain, off, level, settings.release, sampleRate);
}

/** A mono track of `out.length` samples (before the mixer strip, instrument volume applied) rendered into `out`, a step per note: a live engine may pause between them. */
export function* samplerTrackSteps(events: readonly NoteEvent[], multisample: MultisampleVoice, sampleRate: number, out: Float32Array): Generator<void> {
  const scratch = { gain: new Float32Array(0) };
  for (const event of events) {
    addSamplerVoice(out, 0, out.length, event, multisample, sampleRate, scratch);
    yield;
  }
}

/**
 * Adds one voice into `out`, which holds samples [from, from + out.length) of a track `total`
 * samples long (windows give exactly the whole-track samples); `scratch.gain` grows as needed.
 */
export function addSamplerVoice(
  out: Float32Array,
  from: number,
  total: number,
  event: NoteEvent,
  multisample: MultisampleVoice,
  sampleRate: number,
  scratch: { gain: Float32Array },
): void {
  const volume = Math.pow(10, multisample.volumeDb / 20);
  const start = Math.round(event.time * sampleRate);
  const voice = voiceFor(event, multisample, sampleRate);
  const n = voice === undefined ? 0 : Math.min(voice.length, total - start);
  if (voice === undefined || n <= 0) return;
  const first = Math.max(0, from - start);
  const end = Math.min(n, from + out.length - start);
  if (end <= first) return;
  if (scratch.gain.length < n) scratch.gain = new Float32Array(n);
  const gain = scratch.gain.subarray(0, n);
  writeGain(gain, event, multisample, sampleRate);
  const { sample, rate, loop } = voice;
  const offset = start - from;
  let position = 0;
  for (let i = 0; i < first; i++) position += rate;
  if (loop !== null) {
    addLooped(out, offset, first, end, sample, rate, position, loop, gain, volume);
    return;
  }
  for (let i = first; i < end; i++) {
    const index = position | 0;
    const a = sample[index];
    out[offset + i] += (a + (sample[index + 1] - a) * (position - index)) * gain[i] * volume;
    position += rate;
  }
}

/** The looped voice's samples [first, end): past the loop's end, reading goes on from its start. */
function addLooped(out: Float32Array, offset: number, first: number, end: number, sample: Float32Array, rate: number, from: number, loop: SustainLoop, gain: Float32Array, volume: number): void {
  const span = loop.end - loop.start;
  let position = from;
  for (let i = first; i < end; i++) {
    if (position >= loop.end) position = loop.start + ((position - loop.start) % span);
    const index = position | 0;
    const a = sample[index];
    const b = index + 1 >= loop.end ? sample[loop.start] : sample[index + 1];
    out[offset + i] += (a + (b - a) * (position - index)) * gain[i] * volume;
    position += rate;
  }
}
