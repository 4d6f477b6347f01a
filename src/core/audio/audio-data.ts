/** Planar audio in memory: one Float32Array per channel, nominal range −1..1. */
export interface AudioData {
  sampleRate: number;
  /** all channels have the same length */
  channels: Float32Array[];
}

export function audioLength(audio: AudioData): number {
  return audio.channels.length === 0 ? 0 : audio.channels[0].length;
}

export function audioDuration(audio: AudioData): number {
  return audioLength(audio) / audio.sampleRate;
}

export function createAudio(sampleRate: number, channelCount: number, length: number): AudioData {
  const channels: Float32Array[] = [];
  for (let c = 0; c < channelCount; c++) channels.push(new Float32Array(length));
  return { sampleRate, channels };
}
