/**
 * Sustain loops for rendered notes: a rendered note is held for a fixed time, so a key held longer
 * would fall silent when the sample runs out. A sound that sustains (organ, strings, a Latent Synth
 * pad) gets a loop in its held part that the engine repeats until note-off; a sound that decays
 * (piano, plucks, bells) gets none and plays out as rendered, as the real instrument would.
 *
 * Written here because no maintained JS library finds loop points: the search compares the
 * waveform after each candidate start with the waveform after the loop's end (so the jump back
 * continues the wave), and the last stretch before the end is crossfaded into the stretch before
 * the start, so the wrap is seamless even for chorused or noisy sounds.
 */
import { midiToHz } from './pitch.ts';

/** A loop in sample frames: play [0, end), then repeat [start, end) while the note is held. */
export interface SustainLoop {
  start: number;
  end: number;
}

export interface SustainLoopOptions {
  /** the note's MIDI pitch (sets the loop's length in whole periods) */
  pitch: number;
  /** frames the note was held before its release began */
  heldFrames: number;
}

/** A sound sustains when its level late in the hold is within this of its loudest (dB). */
const SUSTAIN_DROP_DB = 12;
/** The loop ends this long before the release begins (seconds). */
const END_GUARD_SECONDS = 0.08;
/** Loop length aimed for, and how far the search for its start reaches either side (seconds). */
const LOOP_SECONDS = 0.4;
const SEARCH_SECONDS = 0.15;
/** Waveform compared after the start and after the end (seconds, at least two periods). */
const MATCH_SECONDS = 0.012;
/** Crossfade baked in before the end (seconds, at most half the loop). */
const CROSSFADE_SECONDS = 0.06;

function rms(samples: Float32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i] * samples[i];
  return Math.sqrt(sum / Math.max(1, to - from));
}

/** Loudest level over 20 ms frames of [from, to) and the level of its last 0.25 s (linear RMS). */
function sustainLevels(samples: Float32Array, sampleRate: number, to: number): { peak: number; late: number } {
  const frame = Math.max(1, Math.round(0.02 * sampleRate));
  let peak = 0;
  for (let at = 0; at + frame <= to; at += frame) peak = Math.max(peak, rms(samples, at, at + frame));
  return { peak, late: rms(samples, Math.max(0, to - Math.round(0.25 * sampleRate)), to) };
}

/** 0 when the two runs are equal, 1 when unrelated, 2 when opposite: level and shape both count. */
function mismatch(samples: Float32Array, a: number, b: number, length: number): number {
  let difference = 0;
  let energy = 0;
  for (let i = 0; i < length; i++) {
    const x = samples[a + i];
    const y = samples[b + i];
    difference += (x - y) * (x - y);
    energy += x * x + y * y;
  }
  return energy > 0 ? difference / energy : 0;
}

/**
 * Finds a sustain loop in `samples` (mono, `sampleRate`) held for `heldFrames`, or null for a
 * sound that decays away, a hold too short to loop, or silence. Pure: the samples are not changed
 * (see bakeLoopCrossfade).
 */
export function findSustainLoop(samples: Float32Array, sampleRate: number, options: SustainLoopOptions): SustainLoop | null {
  const held = Math.min(options.heldFrames, samples.length);
  const end = held - Math.round(END_GUARD_SECONDS * sampleRate);
  const match = Math.round(MATCH_SECONDS * sampleRate);
  const period = sampleRate / midiToHz(options.pitch);
  const periods = Math.max(1, Math.round((LOOP_SECONDS * sampleRate) / period));
  const target = end - Math.round(periods * period);
  const reach = Math.round(SEARCH_SECONDS * sampleRate);
  const fade = Math.round(CROSSFADE_SECONDS * sampleRate);
  // the earliest start still leaves room for the crossfade's source before it (the guard before
  // the release is longer than the match window, so the windows after the end stay in the sample)
  if (target - reach < fade + Math.round(0.1 * sampleRate)) return null;
  const { peak, late } = sustainLevels(samples, sampleRate, held);
  if (peak <= 1e-5 || 20 * Math.log10(late / peak) < -SUSTAIN_DROP_DB) return null;
  let best = { start: target, score: Infinity };
  for (let start = target - reach; start <= target + reach; start++) {
    const score = mismatch(samples, start, end, match);
    if (score < best.score) best = { start, score };
  }
  return { start: best.start, end };
}

/**
 * Blends the `CROSSFADE_SECONDS` before `loop.end` towards the same stretch before `loop.start`
 * (in place), so the sample arriving at the end flows on from the start without a click.
 */
export function bakeLoopCrossfade(samples: Float32Array, sampleRate: number, loop: SustainLoop): void {
  const fade = Math.min(Math.round(CROSSFADE_SECONDS * sampleRate), Math.floor((loop.end - loop.start) / 2), loop.start);
  for (let i = 0; i < fade; i++) {
    const w = (i + 1) / fade;
    const at = loop.end - fade + i;
    samples[at] = (1 - w) * samples[at] + w * samples[loop.start - fade + i];
  }
}

/** A rendered note's sustain loop, its crossfade baked into `samples`; null when it should not loop. */
export function addSustainLoop(samples: Float32Array, sampleRate: number, options: SustainLoopOptions): SustainLoop | null {
  const loop = findSustainLoop(samples, sampleRate, options);
  if (loop !== null) bakeLoopCrossfade(samples, sampleRate, loop);
  return loop;
}
