/** Synthetic hums for the transcription tests: notes of known pitch and timing as a few harmonics. */
import type { AudioData } from '../../../src/core/audio/audio-data.ts';

export interface HumNote {
  pitch: number;
  start: number;
  end: number;
}

/** A hum-like tone per note (fundamental + 2 weaker harmonics, 10 ms attack, 20 ms release). */
export function renderHum(notes: readonly HumNote[], seconds: number, sampleRate = 44100, channels = 1): AudioData {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (const { pitch, start, end } of notes) {
    const hz = 440 * 2 ** ((pitch - 69) / 12);
    for (let i = Math.round(start * sampleRate); i < Math.round(end * sampleRate); i++) {
      const t = i / sampleRate - start;
      const envelope = Math.min(1, t / 0.01, (end - start - t) / 0.02);
      const w = 2 * Math.PI * hz * t;
      out[i] += 0.35 * envelope * (Math.sin(w) + 0.3 * Math.sin(2 * w) + 0.1 * Math.sin(3 * w));
    }
  }
  return { sampleRate, channels: Array.from({ length: channels }, () => out.slice()) };
}

/** A melody of five notes over 3.6 s, with a rest, a leap and a repeated pitch. */
export const MELODY: HumNote[] = [
  { pitch: 60, start: 0.3, end: 0.75 },
  { pitch: 64, start: 0.8, end: 1.25 },
  { pitch: 67, start: 1.3, end: 2.0 },
  { pitch: 67, start: 2.3, end: 2.7 },
  { pitch: 72, start: 2.8, end: 3.4 },
];
