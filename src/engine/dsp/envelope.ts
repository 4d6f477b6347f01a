/**
 * Amplitude curves that reproduce Tone.js's scheduling exactly enough to sound the same:
 * Tone.Envelope (linear attack, "exponential" decay and release) and the fades of
 * Tone.ToneBufferSource. Tone's "exponential approach" is setTargetAtTime with time constant
 * ln(rampTime + 1) / ln(200), held at 90 % of the ramp and finished with a linear ramp.
 */

/** Tone's time constant for an exponential approach lasting `rampTime` seconds. */
export function approachTimeConstant(rampTime: number): number {
  return Math.log(rampTime + 1) / Math.log(200);
}

/** Value `t` seconds into an approach from `from` to `to` that lasts `rampTime` seconds. */
export function approachValue(from: number, to: number, rampTime: number, t: number): number {
  if (t >= rampTime) return to;
  const tau = approachTimeConstant(rampTime);
  const hold = rampTime * 0.9;
  if (t < hold) return to + (from - to) * Math.exp(-t / tau);
  const atHold = to + (from - to) * Math.exp(-hold / tau);
  return atHold + ((to - atHold) * (t - hold)) / (rampTime - hold);
}

export interface AdsrSettings {
  attack: number;
  decay: number;
  sustain: number;
  release: number;
}

/** Level `t` seconds after note-on while the key is held (peak `velocity`). */
export function heldLevel(env: AdsrSettings, velocity: number, t: number, sampleTime: number): number {
  if (t < 0) return 0;
  const attack = env.attack < sampleTime ? 0 : env.attack;
  if (t < attack) return (velocity * t) / attack;
  if (env.decay <= 0 || env.sustain >= 1) return velocity;
  return approachValue(velocity, velocity * env.sustain, env.decay, t - attack);
}

/**
 * Writes a whole note's envelope (note-on at index 0, note-off after `holdSeconds`) into `out`,
 * whose length should be the hold plus the release. Steps are computed per segment with a
 * running multiplier instead of one Math.exp per sample (the render's inner loop).
 */
export function writeAdsr(
  out: Float32Array,
  env: AdsrSettings,
  velocity: number,
  holdSeconds: number,
  sampleRate: number,
): void {
  const sampleTime = 1 / sampleRate;
  const offIndex = Math.min(out.length, Math.max(0, Math.round(holdSeconds * sampleRate)));
  const attack = env.attack < sampleTime ? 0 : env.attack;
  const attackEnd = Math.min(offIndex, Math.ceil(attack * sampleRate));
  for (let i = 0; i < attackEnd; i++) out[i] = (velocity * i) / (attack * sampleRate);
  const hasDecay = env.decay > 0 && env.sustain < 1;
  const target = hasDecay ? velocity * env.sustain : velocity;
  const decayStart = attack * sampleRate;
  const holdEnd = hasDecay ? Math.min(offIndex, Math.ceil(decayStart + env.decay * 0.9 * sampleRate)) : attackEnd;
  if (holdEnd > attackEnd) {
    // exp(−t/τ) advanced one sample at a time
    const step = Math.exp(-1 / (approachTimeConstant(env.decay) * sampleRate));
    let factor = Math.exp(-(attackEnd - decayStart) / (approachTimeConstant(env.decay) * sampleRate));
    for (let i = attackEnd; i < holdEnd; i++) {
      out[i] = target + (velocity - target) * factor;
      factor *= step;
    }
  }
  for (let i = holdEnd; i < offIndex; i++) out[i] = heldLevel(env, velocity, i / sampleRate, sampleTime);
  if (offIndex >= out.length) return;
  const start = offIndex === 0 ? 0 : heldLevel(env, velocity, offIndex / sampleRate, sampleTime);
  writeRelease(out, offIndex, start, env.release, sampleRate);
}

/** Tone's release (and ToneBufferSource's exponential fade-out) from `start` down to 0. */
export function writeRelease(out: Float32Array, from: number, start: number, release: number, sampleRate: number): void {
  const length = out.length - from;
  if (release < 1 / sampleRate) {
    out.fill(0, from);
    return;
  }
  const releaseSamples = Math.min(length, Math.ceil(release * sampleRate));
  const holdSamples = Math.min(releaseSamples, Math.ceil(release * 0.9 * sampleRate));
  const step = Math.exp(-1 / (approachTimeConstant(release) * sampleRate));
  let value = start;
  for (let i = 0; i < holdSamples; i++) {
    out[from + i] = value;
    value *= step;
  }
  for (let i = holdSamples; i < releaseSamples; i++) out[from + i] = approachValue(start, 0, release, i / sampleRate);
  out.fill(0, from + releaseSamples);
}
