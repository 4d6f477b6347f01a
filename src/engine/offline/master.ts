/**
 * Keeps a render from clipping. Until src/core/audio ships a true-peak limiter this is a plain
 * peak normalisation: if the loudest sample exceeds the ceiling, the whole mix is scaled down
 * (never up, so quiet material stays quiet). Deterministic, as renders must be.
 */
import type { AudioData } from '../../core/audio/audio-data.ts';

export const MASTER_CEILING_DB = -1;

export function peakOf(audio: AudioData): number {
  let peak = 0;
  for (const channel of audio.channels) for (let i = 0; i < channel.length; i++) peak = Math.max(peak, Math.abs(channel[i]));
  return peak;
}

export function limitPeak(audio: AudioData, ceilingDb: number = MASTER_CEILING_DB): AudioData {
  const ceiling = Math.pow(10, ceilingDb / 20);
  const peak = peakOf(audio);
  if (peak <= ceiling) return audio;
  const gain = ceiling / peak;
  for (const channel of audio.channels) for (let i = 0; i < channel.length; i++) channel[i] *= gain;
  return audio;
}
