/**
 * A look-ahead peak limiter for offline buffers, and the level step every export goes through.
 *
 * Gain computer (per sample, linked across channels so the stereo image stays put):
 *   required[n] = min(1, ceiling / max_c |x_c[n]|)
 *   a[n] = min of required over the look-ahead window [n − D, n]      (hold)
 *   r[n] = a[n] when it falls, else an exponential release towards a[n]
 *   g[n] = mean of r over [n − D, n]                                   (smooth attack)
 * and the audio is read D samples late (the latency is compensated, the output keeps its
 * length). Every term of the mean is ≤ required at the delayed sample, so the output never
 * exceeds the ceiling, while the gain ramps down over the D samples before a peak.
 */
import { badInput } from '../errors.ts';
import { audioLength, type AudioData } from './audio-data.ts';
import { dbToGain, peakLevel } from './levels.ts';

export interface LimiterOptions {
  /** highest sample level allowed, dBFS (default −1) */
  ceilingDb?: number;
  /** look-ahead, which is also the attack time, in ms (default 5) */
  lookaheadMs?: number;
  /** time for the gain to recover by 1/e after a peak, in ms (default 80) */
  releaseMs?: number;
}

/** Returns limited copies of the channels; the input is left untouched. */
export function limit(audio: AudioData, options: LimiterOptions = {}): AudioData {
  const ceilingDb = options.ceilingDb ?? -1;
  const lookaheadMs = options.lookaheadMs ?? 5;
  const releaseMs = options.releaseMs ?? 80;
  if (!(ceilingDb <= 0)) throw badInput(`limiter ceiling must be ≤ 0 dBFS (got ${ceilingDb})`);
  if (!(lookaheadMs >= 0) || !(releaseMs >= 0)) throw badInput('limiter look-ahead and release must be ≥ 0 ms');
  const { sampleRate, channels } = audio;
  const length = audioLength(audio);
  // A hair under the ceiling so that rounding to Float32 cannot step over it.
  const ceiling = dbToGain(ceilingDb) * (1 - 1e-6);
  const delay = Math.max(1, Math.round((lookaheadMs * sampleRate) / 1000));
  const releaseCoef = releaseMs === 0 ? 1 : 1 - Math.exp(-1000 / (releaseMs * sampleRate));

  const required = new Float64Array(length);
  for (let n = 0; n < length; n++) {
    let peak = 0;
    for (const channel of channels) peak = Math.max(peak, Math.abs(channel[n]));
    required[n] = peak > ceiling ? ceiling / peak : 1;
  }
  const gain = gainEnvelope(required, delay, releaseCoef);
  return {
    sampleRate,
    channels: channels.map((channel) => {
      const out = new Float32Array(length);
      for (let n = 0; n < length; n++) out[n] = channel[n] * gain[n];
      return out;
    }),
  };
}

/** Gain to apply at each sample (already aligned with the audio: the look-ahead is compensated). */
function gainEnvelope(required: Float64Array, delay: number, releaseCoef: number): Float64Array {
  const length = required.length;
  const total = length + delay; // envelope steps; step m pairs with audio sample m − delay
  const requiredAt = (k: number): number => (k >= 0 && k < length ? required[k] : 1);
  const gain = new Float64Array(length);
  // Monotonic deque of indices whose required gains increase: its front is the window minimum.
  const deque = new Int32Array(delay + 2);
  let head = 0;
  let size = 0;
  // Ring buffer of the last delay + 1 released values, for the running mean.
  const ring = new Float64Array(delay + 1).fill(1);
  let ringSum = delay + 1;
  let released = 1;
  for (let m = 0; m < total; m++) {
    const value = requiredAt(m);
    while (size > 0 && requiredAt(deque[(head + size - 1) % deque.length]) >= value) size--;
    deque[(head + size) % deque.length] = m;
    size++;
    if (deque[head] < m - delay) {
      head = (head + 1) % deque.length;
      size--;
    }
    const held = requiredAt(deque[head]);
    released = held < released ? held : released + releaseCoef * (held - released);
    const slot = m % ring.length;
    ringSum += released - ring[slot];
    ring[slot] = released;
    if (m >= delay) gain[m - delay] = Math.min(1, ringSum / ring.length);
  }
  return gain;
}

export interface ExportLevelOptions extends LimiterOptions {
  /** also raise quiet audio so its peak sits at the ceiling (default false) */
  normalize?: boolean;
}

/**
 * Makes audio safe to write: peaks above the ceiling (default −1 dBFS) are limited, leaving
 * everything below untouched; with `normalize`, quieter audio is scaled up to the ceiling.
 * Always returns new buffers.
 */
export function prepareForExport(audio: AudioData, options: ExportLevelOptions = {}): AudioData {
  const ceiling = dbToGain(options.ceilingDb ?? -1);
  const peak = peakLevel(audio);
  if (peak > ceiling) return limit(audio, options);
  const gain = options.normalize === true && peak > 0 ? (ceiling * (1 - 1e-6)) / peak : 1;
  return { sampleRate: audio.sampleRate, channels: audio.channels.map((c) => c.map((v) => v * gain)) };
}
