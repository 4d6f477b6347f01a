import type { AudioData } from '../../core/audio/audio-data.ts';

/** Min/max of the channel mix per block of samples, computed once per clip so redraws are cheap. */
export interface WaveformPeaks {
  sampleRate: number;
  samplesPerBlock: number;
  min: Float32Array;
  max: Float32Array;
}

export function computePeaks(audio: AudioData, samplesPerBlock = 256): WaveformPeaks {
  const length = audio.channels[0]?.length ?? 0;
  const blocks = Math.ceil(length / samplesPerBlock);
  const min = new Float32Array(blocks);
  const max = new Float32Array(blocks);
  const gain = 1 / Math.max(1, audio.channels.length);
  for (let b = 0; b < blocks; b++) {
    let lo = 0;
    let hi = 0;
    const end = Math.min(length, (b + 1) * samplesPerBlock);
    for (let i = b * samplesPerBlock; i < end; i++) {
      let v = 0;
      for (const channel of audio.channels) v += channel[i];
      v *= gain;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    min[b] = lo;
    max[b] = hi;
  }
  return { sampleRate: audio.sampleRate, samplesPerBlock, min, max };
}

/** Peaks measured elsewhere (the audio-prep worker, for an opened project's clips), by their audio. */
const measured = new WeakMap<AudioData, WaveformPeaks>();

/** Records `peaks` as `audio`'s, so a row made for it does not measure them again on this thread. */
export function rememberPeaks(audio: AudioData, peaks: WaveformPeaks): void {
  measured.set(audio, peaks);
}

/** `audio`'s peaks: those remembered for it, else measured now (a whole pass over the samples). */
export function peaksOf(audio: AudioData): WaveformPeaks {
  return measured.get(audio) ?? computePeaks(audio);
}

/**
 * Draws the peaks of the clip between `fromSeconds` and `toSeconds` into the canvas width, mapping
 * each column's time through `secondsAtX` (the song's tempo map decides the x axis).
 */
export function drawWaveform(
  ctx: CanvasRenderingContext2D,
  peaks: WaveformPeaks,
  width: number,
  height: number,
  secondsAtX: (x: number) => number,
  color: string,
): void {
  const mid = height / 2;
  const blockSeconds = peaks.samplesPerBlock / peaks.sampleRate;
  ctx.fillStyle = color;
  for (let x = 0; x < width; x++) {
    const from = Math.floor(secondsAtX(x) / blockSeconds);
    const to = Math.max(from + 1, Math.floor(secondsAtX(x + 1) / blockSeconds));
    if (to <= 0 || from >= peaks.min.length) continue;
    let lo = 0;
    let hi = 0;
    for (let b = Math.max(0, from); b < Math.min(to, peaks.min.length); b++) {
      if (peaks.min[b] < lo) lo = peaks.min[b];
      if (peaks.max[b] > hi) hi = peaks.max[b];
    }
    const top = mid - hi * mid;
    ctx.fillRect(x, top, 1, Math.max(1, (hi - lo) * mid));
  }
}
