/** Additive synthesis of decaying sine partials: the building block of the sampler's sounds. */

export interface Partial {
  /** Hz */
  frequency: number;
  amplitude: number;
  /** seconds for the amplitude to fall by 1/e */
  decay: number;
}

/** Samples a synthesis step covers: a few ms of work even where the code is not yet optimised. */
export const STEP_SAMPLES = 1 << 15;

/**
 * Adds the partials into `out` (starting at sample 0). Each partial is a rotating phasor with a
 * per-sample decay factor: four multiplies per sample instead of a Math.sin and a Math.exp.
 */
export function addPartials(out: Float64Array, partials: readonly Partial[], sampleRate: number): void {
  for (const partial of partials) runSteps(partialSteps(out, partial, sampleRate, Number.POSITIVE_INFINITY));
}

/** One partial added `block` samples a step: the same sums as `addPartials`, for work spread over tasks. */
export function* partialSteps(out: Float64Array, p: Partial, sampleRate: number, block = STEP_SAMPLES): Generator<void, void, void> {
  const nyquist = sampleRate / 2;
  if (p.frequency <= 0 || p.frequency >= nyquist * 0.95 || p.amplitude === 0) return;
  const w = (2 * Math.PI * p.frequency) / sampleRate;
  const cosW = Math.cos(w);
  const sinW = Math.sin(w);
  const fall = Math.exp(-1 / (p.decay * sampleRate));
  let re = 1;
  let im = 0;
  let amp = p.amplitude;
  const n = Math.min(out.length, Math.ceil(p.decay * sampleRate * 12)); // past e^-12 it is inaudible
  for (let from = 0; from < n; from += block) {
    const to = Math.min(n, from + block);
    for (let i = from; i < to; i++) {
      out[i] += amp * im;
      const nextRe = re * cosW - im * sinW;
      im = re * sinW + im * cosW;
      re = nextRe;
      amp *= fall;
    }
    yield;
  }
}

/** Runs a generator of steps to its end, returning what it returns. */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** Linear fade-in over `seconds` (removes the click of a partial starting at full level). */
export function fadeIn(out: Float64Array, seconds: number, sampleRate: number): void {
  const n = Math.min(out.length, Math.round(seconds * sampleRate));
  for (let i = 0; i < n; i++) out[i] *= i / n;
}

/** Linear fade-out over the last `seconds`, so a sample never ends on a step. */
export function fadeOut(out: Float64Array, seconds: number, sampleRate: number): void {
  const n = Math.min(out.length, Math.round(seconds * sampleRate));
  for (let i = 0; i < n; i++) out[out.length - 1 - i] *= i / n;
}

export function midiToFrequency(pitch: number): number {
  return 440 * Math.pow(2, (pitch - 69) / 12);
}
