/**
 * Audio as Basic Pitch takes it: mono at 22.05 kHz, cut into overlapping 2 s windows exactly as
 * the package frames it (half an overlap of silence first, the last window padded with zeros).
 */
import { audioLength, type AudioData } from '../../core/audio/audio-data.ts';
import { resampleChannel } from '../../core/audio/resample.ts';
import { HOP_SAMPLES, OVERLAP_SAMPLES, SAMPLE_RATE, WINDOW_SAMPLES } from './model.ts';

/** The channels' average (a hum recorded in stereo is the same hum on both sides). */
export function mixToMono(audio: AudioData): Float32Array {
  const length = audioLength(audio);
  const mono = new Float32Array(length);
  const count = audio.channels.length;
  for (const channel of audio.channels) for (let i = 0; i < length; i++) mono[i] += channel[i] / count;
  return mono;
}

/** Mono at the model's rate. */
export function modelInput(audio: AudioData): Float32Array {
  const mono = mixToMono(audio);
  return audio.sampleRate === SAMPLE_RATE ? mono : resampleChannel(mono, audio.sampleRate, SAMPLE_RATE);
}

/** Start of each window in the padded signal (padded by OVERLAP_SAMPLES / 2 at the front). */
export function windowStarts(samples: number): number[] {
  const padded = samples + OVERLAP_SAMPLES / 2;
  const starts: number[] = [];
  for (let start = 0; start < padded; start += HOP_SAMPLES) starts.push(start);
  return starts;
}

/** Window `index` of `signal` (at the model's rate), zero where it runs past either end. */
export function windowAt(signal: Float32Array, start: number): Float32Array {
  const window = new Float32Array(WINDOW_SAMPLES);
  const from = start - OVERLAP_SAMPLES / 2; // position in the unpadded signal
  const first = Math.max(0, from);
  const last = Math.min(signal.length, from + WINDOW_SAMPLES);
  if (last > first) window.set(signal.subarray(first, last), first - from);
  return window;
}
