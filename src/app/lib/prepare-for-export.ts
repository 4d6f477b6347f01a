import type { AudioData } from '../../core/audio/audio-data.ts';

// Interim stand-in for core/audio's prepareForExport (limiter), until that module lands:
// scales the mix down so its peak stays at −1 dBFS. Never raises the level.
const CEILING = 10 ** (-1 / 20);

export function prepareForExport(audio: AudioData): AudioData {
  let peak = 0;
  for (const channel of audio.channels) for (const v of channel) peak = Math.max(peak, Math.abs(v));
  if (peak <= CEILING) return audio;
  const gain = CEILING / peak;
  return { sampleRate: audio.sampleRate, channels: audio.channels.map((c) => c.map((v) => v * gain)) };
}
