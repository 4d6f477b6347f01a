import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { FLOAT16_MAX, float16Bits, float16Value, fromFloat16, toFloat16 } from '../../../src/ml/runtime/float16.ts';

const f32 = (x: number): number => Math.fround(x);

describe('float16 conversion', () => {
  it('converts special values: ±0, subnormals, ±Infinity, NaN, the largest float16', () => {
    expect(float16Bits(0)).toBe(0x0000);
    expect(float16Bits(-0)).toBe(0x8000);
    expect(Object.is(float16Value(0x8000), -0)).toBe(true);
    expect(float16Bits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(float16Bits(-(2 ** -24))).toBe(0x8001);
    expect(float16Bits(1023 * 2 ** -24)).toBe(0x03ff); // largest subnormal
    expect(float16Bits(2 ** -14)).toBe(0x0400); // smallest normal
    expect(float16Bits(2 ** -25)).toBe(0x0000); // a tie below the smallest subnormal: to even (0)
    expect(float16Bits(f32(1.5 * 2 ** -25))).toBe(0x0001);
    expect(float16Bits(2 ** -30)).toBe(0x0000);
    expect(float16Bits(1e-45)).toBe(0x0000); // a float32 subnormal
    expect(float16Bits(Infinity)).toBe(0x7c00);
    expect(float16Bits(-Infinity)).toBe(0xfc00);
    expect(Number.isNaN(float16Value(float16Bits(NaN)))).toBe(true);
    expect(float16Bits(FLOAT16_MAX)).toBe(0x7bff);
    expect(float16Value(0x7bff)).toBe(65504);
    expect(float16Bits(1)).toBe(0x3c00);
    expect(float16Bits(-2)).toBe(0xc000);
  });

  it('rounds to nearest, ties to even', () => {
    // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: ties go to the even mantissa (1)
    expect(float16Bits(1 + 2 ** -11)).toBe(0x3c00);
    // 1 + 3·2^-11 lies halfway between 1 + 2^-10 (odd) and 1 + 2^-9 (even)
    expect(float16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(float16Bits(f32(1 + 2 ** -11 + 2 ** -20))).toBe(0x3c01); // just above the tie
    // a mantissa carry moves to the next exponent: 2 - 2^-12 rounds to 2
    expect(float16Bits(2 - 2 ** -12)).toBe(0x4000);
    // rounding into the smallest normal from the subnormals
    expect(float16Bits(f32(2 ** -14 - 2 ** -26))).toBe(0x0400);
  });

  it('clamps finite values beyond ±65504 and counts them; infinities and NaN are not counted', () => {
    const { bits, clamped } = toFloat16(Float32Array.from([65504, 65519, 65520, 1e6, -3.4e38, Infinity, NaN, 1]));
    expect(Array.from(bits.slice(0, 5), float16Value)).toEqual([65504, 65504, 65504, 65504, -65504]);
    expect(float16Value(bits[5])).toBe(Infinity);
    expect(clamped).toBe(4);
  });

  it('round-trips every float16 exactly, and float32 values within half a float16 step', () => {
    const all = Uint16Array.from({ length: 65536 }, (_, i) => i);
    const wide = fromFloat16(all);
    const back = toFloat16(wide).bits;
    const changed = all.filter((b, i) => !Number.isNaN(wide[i]) && back[i] !== b);
    expect(Array.from(changed)).toEqual([]);
    let seed = 12345;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
    const values = Float32Array.from({ length: 20000 }, (_, i) => random() * 10 ** ((i % 9) - 4));
    const decoded = fromFloat16(toFloat16(values).bits);
    // relative half-step 2^-11 for normals; absolute half-step 2^-25 for subnormals
    const beyond = values.filter((v, i) => Math.abs(decoded[i] - v) > (Math.abs(v) >= 2 ** -14 ? Math.abs(v) * 2 ** -11 : 2 ** -25));
    expect(Array.from(beyond)).toEqual([]);
    expect(decoded.some((d, i) => d !== values[i])).toBe(true); // float16 did round
  });

  it("decodes to the same values as tfjs's own float16 decoder (tf.io.decodeWeights)", () => {
    const values = Float32Array.from([0, -0, 1, -2.5, 3.14159, 6e-8, 1e-5, 65504, -Infinity, 1234.5678]);
    const { bits } = toFloat16(values);
    // the manifest entry as `alea models quantize` writes it (tfjs's type omits original_dtype)
    const spec = { name: 'w', shape: [values.length], dtype: 'float32' as const, quantization: { dtype: 'float16' as const, original_dtype: 'float32' } };
    const decoded = tf.io.decodeWeights(new Uint8Array(bits.buffer).slice().buffer, [spec]);
    expect(Array.from(decoded.w.dataSync())).toEqual(Array.from(fromFloat16(bits)));
    tf.dispose(Object.values(decoded));
  });
});
