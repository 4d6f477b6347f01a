/**
 * IEEE 754 half precision (binary16), the layout tfjs's `quantization: { dtype: 'float16' }`
 * weights use: float32 → float16 bits with round-to-nearest-even, and back (exact). Pure, no tfjs.
 */

/** Stored types `alea models quantize` writes (tfjs reads them). */
export type WeightsDtype = 'float16';
export const WEIGHTS_DTYPES: readonly WeightsDtype[] = ['float16'];

/** The largest finite float16. */
export const FLOAT16_MAX = 65504;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Rounds `value >>> shift` to nearest, ties to even (shift ≥ 1). */
function roundShift(value: number, shift: number): number {
  const kept = value >>> shift;
  const rest = value & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return rest > half || (rest === half && (kept & 1) === 1) ? kept + 1 : kept;
}

/**
 * One float32 value as float16 bits. Finite values beyond ±65504 become ±65504 (the caller counts
 * them with `beyondFloat16`); ±Infinity stays infinite, NaN stays NaN.
 */
export function float16Bits(value: number): number {
  f32[0] = value;
  const bits = u32[0];
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | (mantissa === 0 ? 0x7c00 : 0x7e00);
  const e = exponent - 127 + 15; // float16's biased exponent
  if (e >= 31) return sign | 0x7bff;
  if (e <= 0) {
    // a float16 subnormal (or zero): the value in units of 2^-24, rounded
    const shift = 14 - e;
    if (shift > 24) return sign;
    return sign | roundShift(mantissa | 0x800000, shift); // a carry into 0x400 is the smallest normal: still right
  }
  const rounded = roundShift((e << 23) | mantissa, 13); // a mantissa carry bumps the exponent: still right
  return sign | Math.min(rounded, 0x7bff);
}

/** Whether a float32 value is finite but beyond float16's range (it clamps to ±65504). */
export function beyondFloat16(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) > FLOAT16_MAX;
}

/** float32 values → float16 bits, and how many finite values were beyond range (clamped). */
export function toFloat16(values: Float32Array): { bits: Uint16Array; clamped: number } {
  const bits = new Uint16Array(values.length);
  let clamped = 0;
  for (let i = 0; i < values.length; i++) {
    bits[i] = float16Bits(values[i]);
    if (beyondFloat16(values[i])) clamped++;
  }
  return { bits, clamped };
}

/** One float16 value (bits) as a number; exact. */
export function float16Value(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 31) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** float16 bits → float32 values (exact: every float16 is a float32). */
export function fromFloat16(bits: Uint16Array): Float32Array {
  const table = decodeTable();
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = table[bits[i]];
  return out;
}

let table: Float32Array | undefined;
/** All 65536 float16 values, built once (256 KB): decoding is then one lookup per weight. */
function decodeTable(): Float32Array {
  if (table === undefined) {
    table = new Float32Array(65536);
    for (let b = 0; b < 65536; b++) table[b] = float16Value(b);
  }
  return table;
}
