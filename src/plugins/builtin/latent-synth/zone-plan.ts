/**
 * Where Latent Synth renders notes: zones split the piano's 88 keys evenly (the outer ones reach
 * the ends of MIDI's range), each rendered at its middle key, once per velocity layer.
 */

/** Lowest and highest piano keys (A0, C8). */
export const KEYBOARD_LOW = 21;
export const KEYBOARD_HIGH = 108;

export interface ZoneSlot {
  rootPitch: number;
  loPitch: number;
  hiPitch: number;
  loVelocity: number;
  hiVelocity: number;
  /** the MIDI velocity the note is rendered at */
  renderVelocity: number;
}

/** Contiguous pitch ranges covering 0..127, `count` of them over the piano keys. */
export function pitchZones(count: number): { root: number; lo: number; hi: number }[] {
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`zone count must be a whole number ≥ 1 (got ${count})`);
  const keys = KEYBOARD_HIGH - KEYBOARD_LOW + 1;
  const n = Math.min(count, keys);
  return Array.from({ length: n }, (_, i) => {
    const first = KEYBOARD_LOW + Math.floor((i * keys) / n);
    const last = KEYBOARD_LOW + Math.floor(((i + 1) * keys) / n) - 1;
    return { root: Math.round((first + last) / 2), lo: i === 0 ? 0 : first, hi: i === n - 1 ? 127 : last };
  });
}

/** Contiguous velocity ranges covering 0..127; each is rendered three quarters of the way up. */
export function velocityLayers(count: number): { lo: number; hi: number; render: number }[] {
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`velocity layer count must be a whole number ≥ 1 (got ${count})`);
  return Array.from({ length: count }, (_, k) => {
    const lo = k === 0 ? 0 : Math.floor((k * 127) / count) + 1;
    const hi = Math.floor(((k + 1) * 127) / count);
    return { lo, hi, render: Math.max(1, Math.round(lo + 0.75 * (hi - lo))) };
  });
}

/** Every note to render: zones × layers, low pitch first, soft layer first. */
export function zonePlan(zoneCount: number, layerCount: number): ZoneSlot[] {
  const layers = velocityLayers(layerCount);
  return pitchZones(zoneCount).flatMap((z) =>
    layers.map((l) => ({ rootPitch: z.root, loPitch: z.lo, hiPitch: z.hi, loVelocity: l.lo, hiVelocity: l.hi, renderVelocity: l.render })),
  );
}
