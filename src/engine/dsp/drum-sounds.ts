/**
 * A General MIDI drum kit synthesised in code: kick, snare, hats, toms, cymbals and a few
 * percussion voices. Noise is seeded, so every render of a kit is identical.
 */
import seedrandom from 'seedrandom';
import { fadeOut } from './partials.ts';

export type DrumVoice = 'kick' | 'snare' | 'rim' | 'clap' | 'closed-hat' | 'pedal-hat' | 'open-hat' | 'crash' | 'ride' | 'cowbell' | 'tom';

/** The GM percussion map (key → voice; toms carry their own tuning). */
export function drumVoiceFor(pitch: number): { voice: DrumVoice; tune: number } {
  switch (pitch) {
    case 35:
    case 36:
      return { voice: 'kick', tune: 0 };
    case 37:
      return { voice: 'rim', tune: 0 };
    case 38:
    case 40:
      return { voice: 'snare', tune: 0 };
    case 39:
      return { voice: 'clap', tune: 0 };
    case 42:
      return { voice: 'closed-hat', tune: 0 };
    case 44:
      return { voice: 'pedal-hat', tune: 0 };
    case 46:
    case 54:
      return { voice: 'open-hat', tune: 0 };
    case 49:
    case 52:
    case 55:
    case 57:
      return { voice: 'crash', tune: 0 };
    case 51:
    case 53:
    case 59:
      return { voice: 'ride', tune: 0 };
    case 56:
      return { voice: 'cowbell', tune: 0 };
    case 41:
    case 43:
    case 45:
    case 47:
    case 48:
    case 50:
      return { voice: 'tom', tune: pitch };
    default:
      return pitch < 41 ? { voice: 'rim', tune: 0 } : { voice: 'closed-hat', tune: 0 };
  }
}

function noise(length: number, seed: string): Float64Array {
  const random = seedrandom(seed);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = random() * 2 - 1;
  return out;
}

/** First difference, applied `times` times: a cheap high-pass that makes noise hiss like metal. */
function brighten(samples: Float64Array, times: number): void {
  for (let t = 0; t < times; t++) {
    let previous = 0;
    for (let i = 0; i < samples.length; i++) {
      const x = samples[i];
      samples[i] = (x - previous) * 0.5;
      previous = x;
    }
  }
}

function decayEnvelope(samples: Float64Array, decay: number, sampleRate: number): void {
  const fall = Math.exp(-1 / (decay * sampleRate));
  let amp = 1;
  for (let i = 0; i < samples.length; i++) {
    samples[i] *= amp;
    amp *= fall;
  }
}

/** A sine whose pitch falls exponentially from `from` to `to` Hz: kicks and toms. */
function sweep(length: number, from: number, to: number, sweepTime: number, decay: number, sampleRate: number): Float64Array {
  const out = new Float64Array(length);
  let phase = 0;
  const fall = Math.exp(-1 / (decay * sampleRate));
  let amp = 1;
  for (let i = 0; i < length; i++) {
    const f = to + (from - to) * Math.exp(-i / (sweepTime * sampleRate));
    phase += (2 * Math.PI * f) / sampleRate;
    out[i] = Math.sin(phase) * amp;
    amp *= fall;
  }
  return out;
}

function mix(target: Float64Array, source: Float64Array, gain: number): void {
  for (let i = 0; i < Math.min(target.length, source.length); i++) target[i] += source[i] * gain;
}

function metal(seconds: number, decay: number, brightness: number, seed: string, sr: number): Float64Array {
  const out = noise(Math.round(seconds * sr), seed);
  brighten(out, brightness);
  decayEnvelope(out, decay, sr);
  return out;
}

function build(voice: DrumVoice, tune: number, sr: number): Float64Array {
  const len = (seconds: number): number => Math.round(seconds * sr);
  switch (voice) {
    case 'kick': {
      const out = sweep(len(0.6), 160, 48, 0.035, 0.22, sr);
      mix(out, metal(0.01, 0.002, 1, 'kick', sr), 0.3);
      return out;
    }
    case 'snare': {
      const out = metal(0.4, 0.09, 1, 'snare', sr);
      mix(out, sweep(len(0.4), 240, 185, 0.02, 0.07, sr), 0.7);
      return out;
    }
    case 'rim':
      return sweep(len(0.08), 1700, 1500, 0.01, 0.012, sr);
    case 'clap': {
      const out = metal(0.35, 0.12, 1, 'clap', sr);
      for (let i = 0; i < len(0.03); i++) out[i] *= 0.4 + 0.6 * Math.abs(Math.sin((i / sr) * Math.PI * 100));
      return out;
    }
    case 'closed-hat':
      return metal(0.15, 0.025, 2, 'closed-hat', sr);
    case 'pedal-hat':
      return metal(0.2, 0.045, 2, 'pedal-hat', sr);
    case 'open-hat':
      return metal(0.9, 0.25, 2, 'open-hat', sr);
    case 'crash':
      return metal(2.5, 0.8, 2, 'crash', sr);
    case 'ride': {
      const out = metal(2, 0.6, 3, 'ride', sr);
      mix(out, sweep(len(2), 3100, 3100, 1, 0.5, sr), 0.15);
      return out;
    }
    case 'cowbell': {
      const out = sweep(len(0.4), 562, 562, 1, 0.09, sr);
      mix(out, sweep(len(0.4), 845, 845, 1, 0.09, sr), 0.8);
      return out;
    }
    case 'tom': {
      const base = 80 * Math.pow(2, (tune - 41) / 12);
      return sweep(len(0.7), base * 1.6, base, 0.05, 0.2, sr);
    }
  }
}

/** One drum hit for a GM percussion key, peaking near 0.8. */
export function synthesiseDrum(pitch: number, sampleRate: number): Float32Array<ArrayBuffer> {
  const { voice, tune } = drumVoiceFor(pitch);
  const samples = build(voice, tune, sampleRate);
  fadeOut(samples, 0.01, sampleRate);
  let max = 0;
  for (const v of samples) max = Math.max(max, Math.abs(v));
  const gain = max > 0 ? 0.8 / max : 0;
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i] * gain;
  return out;
}
