/**
 * Pitch and onset of a single note: what the timbre models need to condition on a user's sound
 * and to check that a decoded note plays the requested pitch. Pitch uses the McLeod pitch method
 * (`pitchy`), which finds the period even when the fundamental itself is weak or missing.
 */
import { PitchDetector } from 'pitchy';
import { resampleChannel } from '../audio/resample.ts';

export interface PitchEstimate {
  /** median frequency over the clear frames, Hz */
  hz: number;
  /** nearest MIDI pitch */
  midi: number;
  /** median McLeod clarity over the frames used, 0..1 */
  clarity: number;
}

export interface PitchOptions {
  /** frames below this clarity do not vote (default 0.9) */
  clarityThreshold?: number;
  /** lowest and highest frequency accepted, Hz (defaults: 25 and 4500, MIDI ~20..110) */
  minHz?: number;
  maxHz?: number;
  /** frames quieter than this many dB below the loudest frame do not vote (default 30) */
  rangeDb?: number;
  /** fewer than this share of the loud frames clear → no pitch (default 0.3) */
  minClearShare?: number;
}

export function hzToMidi(hz: number): number {
  return 69 + 12 * Math.log2(hz / 440);
}

export function midiToHz(midi: number): number {
  return 440 * 2 ** ((midi - 69) / 12);
}

/** Frame length for pitch: ~0.1 s rounded up to a power of two, so ~25 Hz has four periods. */
function pitchFrameLength(sampleRate: number): number {
  let n = 256;
  while (n < sampleRate * 0.1) n *= 2;
  return n;
}

/**
 * The note's pitch over its steady part: frames from 50 ms after the onset while the level
 * stays within `rangeDb` of the loudest frame; the median of the frames whose clarity passes the
 * threshold. Null for silence, noise, or sounds with no stable period.
 */
export function detectPitch(samples: Float32Array, sampleRate: number, options: PitchOptions = {}): PitchEstimate | null {
  const onset = detectOnset(samples, sampleRate);
  if (onset === null) return null;
  // At low rates a high note's period is a few samples and the McLeod peak picker lands an octave
  // low; analysing at ≥ 44.1 kHz keeps every piano key exact.
  if (sampleRate < ANALYSIS_RATE) {
    const factor = Math.ceil(ANALYSIS_RATE / sampleRate);
    return detectPitchAt(resampleChannel(samples, sampleRate, sampleRate * factor), sampleRate * factor, onset, options);
  }
  return detectPitchAt(samples, sampleRate, onset, options);
}

const ANALYSIS_RATE = 44100;

function detectPitchAt(samples: Float32Array, sampleRate: number, onset: number, options: PitchOptions): PitchEstimate | null {
  const threshold = options.clarityThreshold ?? 0.9;
  const minHz = options.minHz ?? 25;
  const maxHz = options.maxHz ?? 4500;
  const rangeDb = options.rangeDb ?? 30;
  const frame = pitchFrameLength(sampleRate);
  const start = Math.round((onset + 0.05) * sampleRate);
  const hop = frame >> 2;
  // a note shorter than one frame still gets one frame, from its onset
  const first = samples.length - start >= frame ? start : Math.max(0, samples.length - frame);
  if (samples.length < frame) return null;

  const frames: { offset: number; rms: number }[] = [];
  for (let offset = first; offset + frame <= samples.length; offset += hop) {
    frames.push({ offset, rms: rms(samples, offset, frame) });
  }
  const loudest = maxOf(frames.map((f) => f.rms));
  if (!(loudest > 1e-5)) return null;
  const floor = loudest * 10 ** (-rangeDb / 20);
  const loud = frames.filter((f) => f.rms >= floor);

  const detector = PitchDetector.forFloat32Array(frame);
  detector.minVolumeDecibels = -100;
  const hz: number[] = [];
  const clarity: number[] = [];
  for (const f of loud) {
    const [pitch, c] = detector.findPitch(samples.subarray(f.offset, f.offset + frame), sampleRate);
    if (c >= threshold && pitch >= minHz && pitch <= maxHz) {
      hz.push(pitch);
      clarity.push(c);
    }
  }
  if (hz.length === 0 || hz.length < (options.minClearShare ?? 0.3) * loud.length) return null;
  const medianHz = median(hz);
  return { hz: medianHz, midi: Math.round(hzToMidi(medianHz)), clarity: median(clarity) };
}

export interface OnsetOptions {
  /** the onset is where the level first comes within this many dB of the peak (default 30) */
  rangeDb?: number;
  /** ... and at least this many dB above the noise floor (default 12) */
  aboveFloorDb?: number;
  /** levels below this are silence, dBFS (default −70) */
  silenceDb?: number;
}

/**
 * When the note starts, in seconds: the first 5 ms frame of the short-time energy envelope that
 * rises within `rangeDb` of the peak and clearly above the noise floor (the quietest
 * frame before the peak), refined back to where that rise leaves the floor. Null when the whole signal is silent.
 */
export function detectOnset(samples: Float32Array, sampleRate: number, options: OnsetOptions = {}): number | null {
  const hop = Math.max(1, Math.round(sampleRate * 0.005));
  const window = hop * 2;
  const levels: number[] = [];
  for (let offset = 0; offset < samples.length; offset += hop) {
    const length = Math.min(window, samples.length - offset);
    levels.push(20 * Math.log10(rms(samples, offset, length) + 1e-12));
  }
  if (levels.length === 0) return null;
  const peak = maxOf(levels);
  if (!(peak > (options.silenceDb ?? -70))) return null;
  // the noise floor is the quietest frame before the peak: a sound that fills the file (a pad, a drone) has no
  // quiet part after its onset, and the tail of a decaying note is not the floor it started from
  const floor = Math.max(-240, minOf(levels.slice(0, levels.indexOf(peak) + 1)));
  // a note that starts at once has no quiet floor below it: never ask for more than peak − 6 dB
  const threshold = Math.max(peak - (options.rangeDb ?? 30), Math.min(floor + (options.aboveFloorDb ?? 12), peak - 6));
  let index = levels.findIndex((level) => level >= threshold);
  if (index < 0) index = levels.indexOf(peak);
  // walk back over the rising edge, to where the level is within 6 dB of the floor
  const restart = Math.max(floor + 6, peak - 60);
  while (index > 0 && levels[index - 1] > restart && levels[index - 1] < levels[index] + 1e-9) index--;
  return (index * hop) / sampleRate;
}

function rms(samples: Float32Array, offset: number, length: number): number {
  let sum = 0;
  for (let i = offset; i < offset + length; i++) sum += samples[i] * samples[i];
  return length > 0 ? Math.sqrt(sum / length) : 0;
}

/** Math.max without spreading (long signals have more frames than a call may take arguments). */
function maxOf(values: readonly number[]): number {
  let max = -Infinity;
  for (const v of values) if (v > max || Number.isNaN(v)) max = v;
  return max;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
}

function minOf(values: readonly number[]): number {
  let min = Infinity;
  for (const v of values) if (v < min) min = v;
  return min;
}
