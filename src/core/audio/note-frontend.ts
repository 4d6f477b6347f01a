/**
 * Turns a user's sound (any rate, any length, mono or stereo) into what the timbre models take:
 * one mono note at the model's rate, starting at its onset, of bounded length, with its pitch.
 * Bad audio never throws past here: problems come back as warnings the faces show the user.
 */
import { badInput } from '../errors.ts';
import { detectOnset, detectPitch } from '../dsp/pitch.ts';
import type { AudioData } from './audio-data.ts';
import { resampleChannel } from './resample.ts';

export interface NoteFrontendOptions {
  /** the model's sample rate (default 16000) */
  targetRate?: number;
  /** longest note kept after the onset, seconds (default 4) */
  maxSeconds?: number;
  /** names the sound in errors */
  file?: string;
}

export interface FrontendNote {
  /** mono, at `sampleRate`, starting at the onset */
  samples: Float32Array;
  sampleRate: number;
  /** nearest MIDI pitch, or null when the sound has no clear pitch */
  pitchMidi: number | null;
  /** detected frequency in Hz, or null */
  pitchHz: number | null;
  /** McLeod clarity of the pitch, 0 when there is none */
  clarity: number;
  /** where the note starts in the input, seconds */
  onsetSeconds: number;
  /** things the user should know, one short line each */
  warnings: string[];
}

export const NO_CLEAR_PITCH = 'no clear pitch; encoded as is';
export const SILENT = 'silent';
/** Peaks below −80 dBFS count as silence. */
const SILENCE_PEAK = 1e-4;
const FADE_SECONDS = 0.01;

/**
 * The front end: mix to mono, replace NaN/Inf with silence, find the onset and trim the lead-in,
 * cap the length (with a 10 ms fade so the cut does not click), resample, detect the pitch.
 * Throws only for audio with no samples or no valid sample rate (nothing to encode).
 */
export function prepareNote(audio: AudioData, options: NoteFrontendOptions = {}): FrontendNote {
  const targetRate = options.targetRate ?? 16000;
  const maxSeconds = options.maxSeconds ?? 4;
  const length = audio.channels.length === 0 ? 0 : audio.channels[0].length;
  if (length === 0) throw badInput('has no audio samples', options.file);
  if (!(Number.isInteger(audio.sampleRate) && audio.sampleRate > 0)) throw badInput(`has an invalid sample rate (${audio.sampleRate})`, options.file);

  const warnings: string[] = [];
  const { mono, nonFinite } = mixToMono(audio.channels);
  if (nonFinite > 0) warnings.push(`NaN/Inf samples (${nonFinite} replaced with silence)`);
  let peak = 0;
  for (const s of mono) peak = Math.max(peak, Math.abs(s));
  if (peak < SILENCE_PEAK) {
    warnings.push(SILENT);
    const samples = new Float32Array(Math.min(Math.round(maxSeconds * targetRate), Math.round((length / audio.sampleRate) * targetRate)));
    return { samples, sampleRate: targetRate, pitchMidi: null, pitchHz: null, clarity: 0, onsetSeconds: 0, warnings };
  }
  if (peak >= 0.999) warnings.push('clipped: the recording reaches full scale');

  const onsetSeconds = detectOnset(mono, audio.sampleRate) ?? 0;
  const start = Math.min(length - 1, Math.round(onsetSeconds * audio.sampleRate));
  const keep = Math.min(length - start, Math.round(maxSeconds * audio.sampleRate));
  const note = mono.slice(start, start + keep);
  if (start + keep < length) fadeOut(note, Math.round(FADE_SECONDS * audio.sampleRate));
  const samples = audio.sampleRate === targetRate ? note : resampleChannel(note, audio.sampleRate, targetRate);
  if (samples.length < 0.1 * targetRate) warnings.push(`very short (${Math.round((1000 * samples.length) / targetRate)} ms after the onset)`);

  const pitch = detectPitch(samples, targetRate);
  if (pitch === null) warnings.push(NO_CLEAR_PITCH);
  return {
    samples,
    sampleRate: targetRate,
    pitchMidi: pitch?.midi ?? null,
    pitchHz: pitch?.hz ?? null,
    clarity: pitch?.clarity ?? 0,
    onsetSeconds: start / audio.sampleRate,
    warnings,
  };
}

/** Mean of the channels; NaN and ±Inf become 0 (counted). */
function mixToMono(channels: readonly Float32Array[]): { mono: Float32Array; nonFinite: number } {
  const length = channels[0].length;
  const mono = new Float32Array(length);
  let nonFinite = 0;
  const scale = 1 / channels.length;
  for (const channel of channels) {
    for (let i = 0; i < length; i++) {
      const s = channel[i];
      if (Number.isFinite(s)) mono[i] += s * scale;
      else nonFinite++;
    }
  }
  return { mono, nonFinite };
}

function fadeOut(samples: Float32Array, fadeLength: number): void {
  const n = Math.min(fadeLength, samples.length);
  for (let i = 0; i < n; i++) samples[samples.length - n + i] *= 1 - (i + 1) / n;
}
