/**
 * Level measurements over all channels of a buffer (sample peak and RMS, in dBFS where
 * 0 dBFS is a full-scale sample of ±1).
 */
import type { AudioData } from './audio-data.ts';

export function dbToGain(db: number): number {
  return 10 ** (db / 20);
}

export function gainToDb(gain: number): number {
  return 20 * Math.log10(gain);
}

/** Largest |sample| across channels (linear). */
export function peakLevel(audio: AudioData): number {
  let peak = 0;
  for (const channel of audio.channels) {
    for (let i = 0; i < channel.length; i++) {
      const v = Math.abs(channel[i]);
      if (v > peak) peak = v;
    }
  }
  return peak;
}

/** Sample peak in dBFS; −Infinity for digital silence. */
export function peakDb(audio: AudioData): number {
  return gainToDb(peakLevel(audio));
}

/** RMS over every sample of every channel, in dBFS (a full-scale sine reads −3.01); −Infinity when silent. */
export function rmsDb(audio: AudioData): number {
  let sum = 0;
  let count = 0;
  for (const channel of audio.channels) {
    for (let i = 0; i < channel.length; i++) sum += channel[i] * channel[i];
    count += channel.length;
  }
  return count === 0 ? -Infinity : 10 * Math.log10(sum / count);
}

/** True when no sample rises above `thresholdDb` (default −90 dBFS, under 16-bit dither noise). */
export function isSilent(audio: AudioData, thresholdDb = -90): boolean {
  return peakDb(audio) <= thresholdDb;
}
