/** Paths through the latent space: straight lines, great circles, and a pad between four sounds. */

/** (1 − t)·a + t·b */
export function lerpLatent(a: Float32Array, b: Float32Array, t: number): Float32Array {
  checkSameSize(a, b);
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + (b[i] - a[i]) * t;
  return out;
}

/**
 * Spherical interpolation: keeps the norm on the way (a straight line between two typical
 * Gaussian points passes through less typical, lower-norm ones near the middle). Falls back to
 * the straight line when a and b are (nearly) parallel or one is zero.
 */
export function slerpLatent(a: Float32Array, b: Float32Array, t: number): Float32Array {
  checkSameSize(a, b);
  const na = norm(a);
  const nb = norm(b);
  if (na < 1e-8 || nb < 1e-8) return lerpLatent(a, b, t);
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] / na) * (b[i] / nb);
  const omega = Math.acos(Math.min(1, Math.max(-1, dot)));
  if (omega < 1e-4 || Math.PI - omega < 1e-4) return lerpLatent(a, b, t);
  const wa = Math.sin((1 - t) * omega) / Math.sin(omega);
  const wb = Math.sin(t * omega) / Math.sin(omega);
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = wa * a[i] + wb * b[i];
  return out;
}

export type MorphPath = 'linear' | 'spherical';

export function morphLatent(a: Float32Array, b: Float32Array, t: number, path: MorphPath = 'linear'): Float32Array {
  if (!(t >= 0 && t <= 1)) throw new RangeError(`morph position must be within 0..1 (got ${t})`);
  return path === 'spherical' ? slerpLatent(a, b, t) : lerpLatent(a, b, t);
}

/**
 * A point on an XY pad whose corners hold four sounds (bottom-left, bottom-right, top-left,
 * top-right): bilinear weights, so each edge is the morph between its two corners.
 */
export function padLatent(corners: [Float32Array, Float32Array, Float32Array, Float32Array], x: number, y: number): Float32Array {
  if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) throw new RangeError(`pad position must be within 0..1 on both axes (got ${x}, ${y})`);
  const bottom = lerpLatent(corners[0], corners[1], x);
  const top = lerpLatent(corners[2], corners[3], x);
  return lerpLatent(bottom, top, y);
}

function norm(v: Float32Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}

function checkSameSize(a: Float32Array, b: Float32Array): void {
  if (a.length !== b.length) throw new RangeError(`latents differ in size (${a.length} and ${b.length})`);
}
