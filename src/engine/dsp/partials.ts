/** Additive synthesis of decaying sine partials: the building block of the sampler's sounds. */

export interface Partial {
  /** Hz */
  frequency: number;
  amplitude: number;
  /** seconds for the amplitude to fall by 1/e */
  decay: number;
}

/**
 * Adds the partials into `out` (starting at sample 0). Each partial is a rotating phasor with a
 * per-sample decay factor: four multiplies per sample instead of a Math.sin and a Math.exp.
 */
export function addPartials(out: Float64Array, partials: readonly Partial[], sampleRate: number): void {
  const nyquist = sampleRate / 2;
  for (const p of partials) {
    if (p.frequency <= 0 || p.frequency >= nyquist * 0.95 || p.amplitude === 0) continue;
    const w = (2 * Math.PI * p.frequency) / sampleRate;
    const cosW = Math.cos(w);
    const sinW = Math.sin(w);
    const fall = Math.exp(-1 / (p.decay * sampleRate));
    let re = 1;
    let im = 0;
    let amp = p.amplitude;
    const n = Math.min(out.length, Math.ceil(p.decay * sampleRate * 12)); // past e^-12 it is inaudible
    for (let i = 0; i < n; i++) {
      out[i] += amp * im;
      const nextRe = re * cosW - im * sinW;
      im = re * sinW + im * cosW;
      re = nextRe;
      amp *= fall;
    }
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
