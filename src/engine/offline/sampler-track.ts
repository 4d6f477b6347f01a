/**
 * Renders a sampler track to mono the way Tone.Sampler plays it: the nearest root sample,
 * resampled by linear interpolation at 2^(semitones/12), gain = velocity with Tone's fade-in
 * and fade-out curves. Drum hits are one-shots: they ring out whatever the note length.
 */
import type { SamplerSettings } from '../../plugins/builtin/sampler.ts';
import { approachValue, writeRelease } from '../dsp/envelope.ts';
import { nearestRoot, rootSample } from '../dsp/multisample.ts';
import type { NoteEvent } from '../note-events.ts';

interface Voice {
  sample: Float32Array;
  rate: number;
  /** output samples the voice lasts */
  length: number;
}

function voiceFor(event: NoteEvent, settings: SamplerSettings, sampleRate: number): Voice {
  const root = nearestRoot(settings.sound, event.pitch);
  const sample = rootSample(settings.sound, root, sampleRate);
  const rate = settings.sound === 'drums' ? 1 : Math.pow(2, (event.pitch - root) / 12);
  const playable = Math.floor((sample.length - 1) / rate);
  const held = Math.ceil((event.duration + settings.release) * sampleRate);
  return { sample, rate, length: settings.sound === 'drums' ? playable : Math.min(playable, held) };
}

/** Seconds a sampler note sounds after its note-on. */
export function samplerVoiceSeconds(event: NoteEvent, settings: SamplerSettings, sampleRate: number): number {
  return voiceFor(event, settings, sampleRate).length / sampleRate;
}

function writeGain(gain: Float32Array, event: NoteEvent, settings: SamplerSettings, sampleRate: number): void {
  const attackEnd = Math.min(gain.length, Math.ceil(settings.attack * sampleRate));
  for (let i = 0; i < attackEnd; i++) gain[i] = approachValue(0, event.velocity, settings.attack, i / sampleRate);
  gain.fill(event.velocity, attackEnd);
  if (settings.sound === 'drums') return;
  const off = Math.round(event.duration * sampleRate);
  if (off >= gain.length) return;
  const level = off < attackEnd ? gain[off] : event.velocity;
  writeRelease(gain, off, level, settings.release, sampleRate);
}

/** Mono track of `length` samples (before the mixer strip), instrument volume applied. */
export function renderSamplerTrack(
  events: readonly NoteEvent[],
  settings: SamplerSettings,
  sampleRate: number,
  length: number,
  onNote?: () => void,
): Float32Array {
  const out = new Float32Array(length);
  const volume = Math.pow(10, settings.volume / 20);
  let scratch = new Float32Array(0);
  for (const event of events) {
    const start = Math.round(event.time * sampleRate);
    const voice = voiceFor(event, settings, sampleRate);
    const n = Math.min(voice.length, length - start);
    if (n > 0) {
      if (scratch.length < n) scratch = new Float32Array(n);
      const gain = scratch.subarray(0, n);
      writeGain(gain, event, settings, sampleRate);
      const { sample, rate } = voice;
      let position = 0;
      for (let i = 0; i < n; i++) {
        const index = position | 0;
        const a = sample[index];
        out[start + i] += (a + (sample[index + 1] - a) * (position - index)) * gain[i] * volume;
        position += rate;
      }
    }
    onNote?.();
  }
  return out;
}
