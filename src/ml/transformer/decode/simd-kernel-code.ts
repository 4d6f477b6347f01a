import {
  F32, I32, V128, bitselect, block, br, brIf, f32, f32Add, f32ConvertI32, f32Div, f32Load, f32Max, f32Sqrt, f32Store,
  f32x4Add, f32x4Div, f32x4Lane, f32x4Lt, f32x4Max, f32x4Min, f32x4Mul, f32x4Nearest, f32x4Splat, f32x4Sub, get, i32, i32Add,
  i32GeU, i32GtU, i32LtU, i32Mul, i32Shl, i32ShrU, i32x4Add, i32x4Shl, i32x4TruncSatF32x4, loop, select, set, vConst, vLoad,
  vSplat, vSplatI32, vStore, type Code, type WasmFunction,
} from './wasm-assembler.ts';

/**
 * The instructions of the SIMD kernels that simd-kernels.ts describes and instantiates, one
 * function each, built with wasm-assembler.ts. Locals are numbered after the parameters; each
 * function names them at its top.
 */

/** (lane0 + lane1) + (lane2 + lane3) of a v128 local, as an f32 */
const horizontalSum = (acc: number): Code => [
  ...get(acc), ...f32x4Lane(0), ...get(acc), ...f32x4Lane(1), ...f32Add,
  ...get(acc), ...f32x4Lane(2), ...get(acc), ...f32x4Lane(3), ...f32Add, ...f32Add,
];

/** local += by (i32) */
const bump = (local: number, by: number): Code => [...get(local), ...i32(by), ...i32Add, ...set(local)];

/** address of element r (floats) of the array at byte pointer p */
const at4 = (p: number, r: number): Code => [...get(p), ...get(r), ...i32(2), ...i32Shl, ...i32Add];

/** a loop over byte offsets i = 0, 16, … < end (runs at least once) */
const vectorLoop = (i: number, end: number, ...body: Code[]): Code => [
  ...i32(0), ...set(i),
  ...loop(...body, ...bump(i, 16), ...get(i), ...get(end), ...i32LtU, ...brIf(0)),
];

/**
 * exp of the v128 local `x`, left on the stack (Cephes expf: 2^k·e^r with |r| ≤ ln2/2 and a
 * degree-6 polynomial, ~1 ulp). Arguments are clamped to [−87, 88], where exp is a normal float.
 * `r` and `k`: two v128 scratch locals.
 */
function exp(x: number, r: number, k: number): Code {
  const poly = [1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1];
  return [
    ...get(x), ...vSplat(-87), ...f32x4Max, ...vSplat(88), ...f32x4Min, ...set(r),
    ...get(r), ...vSplat(Math.LOG2E), ...f32x4Mul, ...f32x4Nearest, ...set(k), // k = round(x·log2 e)
    // r = x − k·ln2, in two parts so that r keeps its low bits
    ...get(r), ...get(k), ...vSplat(0.693359375), ...f32x4Mul, ...f32x4Sub, ...get(k), ...vSplat(-2.12194440e-4), ...f32x4Mul, ...f32x4Sub, ...set(r),
    // p(r) = ((((c0·r + c1)·r + c2)·r + c3)·r + c4)·r + c5, then e^r ≈ p·r² + r + 1
    ...vSplat(poly[0]),
    ...poly.slice(1).flatMap((c) => [...get(r), ...f32x4Mul, ...vSplat(c), ...f32x4Add]),
    ...get(r), ...f32x4Mul, ...get(r), ...f32x4Mul, ...get(r), ...f32x4Add, ...vSplat(1), ...f32x4Add,
    // · 2^k, built in the exponent bits
    ...get(k), ...i32x4TruncSatF32x4, ...vSplatI32(127), ...i32x4Add, ...i32(23), ...i32x4Shl, ...f32x4Mul,
  ];
}

function dots(): WasmFunction {
  const [X, M, Y, N, ROWS, STRIDE] = [0, 1, 2, 3, 4, 5];
  const [R, I, NB, R0, R1, R2, R3] = [6, 7, 8, 9, 10, 11, 12];
  const [ACC0, ACC1, ACC2, ACC3, XV] = [13, 14, 15, 16, 17];
  const accumulate = (acc: number, row: number): Code => [
    ...get(acc), ...get(XV), ...get(row), ...get(I), ...i32Add, ...vLoad(), ...f32x4Mul, ...f32x4Add, ...set(acc),
  ];
  const storeSum = (acc: number, k: number): Code => [...at4(Y, R), ...horizontalSum(acc), ...f32Store(4 * k)];
  const rowStart = (to: number, from: Code): Code => [...from, ...set(to)];
  return {
    name: 'dots',
    params: [I32, I32, I32, I32, I32, I32],
    locals: [I32, I32, I32, I32, I32, I32, I32, V128, V128, V128, V128, V128],
    body: [
      ...get(N), ...i32(2), ...i32Shl, ...set(NB),
      // four rows at a time: x is loaded once for four products
      ...block(loop(
        ...get(R), ...i32(4), ...i32Add, ...get(ROWS), ...i32GtU, ...brIf(1),
        ...rowStart(R0, [...get(M), ...get(R), ...get(STRIDE), ...i32Mul, ...i32Add]),
        ...rowStart(R1, [...get(R0), ...get(STRIDE), ...i32Add]),
        ...rowStart(R2, [...get(R1), ...get(STRIDE), ...i32Add]),
        ...rowStart(R3, [...get(R2), ...get(STRIDE), ...i32Add]),
        ...vSplat(0), ...set(ACC0), ...vSplat(0), ...set(ACC1), ...vSplat(0), ...set(ACC2), ...vSplat(0), ...set(ACC3),
        ...vectorLoop(I, NB,
          [...get(X), ...get(I), ...i32Add, ...vLoad(), ...set(XV)],
          accumulate(ACC0, R0), accumulate(ACC1, R1), accumulate(ACC2, R2), accumulate(ACC3, R3)),
        ...storeSum(ACC0, 0), ...storeSum(ACC1, 1), ...storeSum(ACC2, 2), ...storeSum(ACC3, 3),
        ...bump(R, 4),
        ...br(0),
      )),
      // then the remaining rows one by one
      ...block(loop(
        ...get(R), ...get(ROWS), ...i32GeU, ...brIf(1),
        ...rowStart(R0, [...get(M), ...get(R), ...get(STRIDE), ...i32Mul, ...i32Add]),
        ...vSplat(0), ...set(ACC0),
        ...vectorLoop(I, NB, [...get(X), ...get(I), ...i32Add, ...vLoad(), ...set(XV)], accumulate(ACC0, R0)),
        ...storeSum(ACC0, 0),
        ...bump(R, 1),
        ...br(0),
      )),
    ],
  };
}

function axpys(): WasmFunction {
  const [P, M, Y, N, ROWS, STRIDE] = [0, 1, 2, 3, 4, 5];
  const [R, I, NB, AT, R0, R1, R2, R3] = [6, 7, 8, 9, 10, 11, 12, 13];
  const [S0, S1, S2, S3] = [14, 15, 16, 17];
  const scaled = (sk: number, row: number): Code => [...get(sk), ...get(row), ...get(I), ...i32Add, ...vLoad(), ...f32x4Mul];
  const splatP = (sk: number, k: number): Code => [...at4(P, R), ...f32Load(4 * k), ...f32x4Splat, ...set(sk)];
  return {
    name: 'axpys',
    params: [I32, I32, I32, I32, I32, I32],
    locals: [I32, I32, I32, I32, I32, I32, I32, I32, V128, V128, V128, V128],
    body: [
      ...get(N), ...i32(2), ...i32Shl, ...set(NB),
      ...vectorLoop(I, NB, [...get(Y), ...get(I), ...i32Add, ...vSplat(0), ...vStore()]), // y = 0
      // four rows at a time: y is read and written once for four rows
      ...block(loop(
        ...get(R), ...i32(4), ...i32Add, ...get(ROWS), ...i32GtU, ...brIf(1),
        ...splatP(S0, 0), ...splatP(S1, 1), ...splatP(S2, 2), ...splatP(S3, 3),
        ...get(M), ...get(R), ...get(STRIDE), ...i32Mul, ...i32Add, ...set(R0),
        ...get(R0), ...get(STRIDE), ...i32Add, ...set(R1),
        ...get(R1), ...get(STRIDE), ...i32Add, ...set(R2),
        ...get(R2), ...get(STRIDE), ...i32Add, ...set(R3),
        ...vectorLoop(I, NB,
          // y[i..i+4] += (s0·row0 + s1·row1) + (s2·row2 + s3·row3)
          [...get(Y), ...get(I), ...i32Add, ...set(AT), ...get(AT), ...get(AT), ...vLoad()],
          [...scaled(S0, R0), ...scaled(S1, R1), ...f32x4Add, ...scaled(S2, R2), ...scaled(S3, R3), ...f32x4Add, ...f32x4Add],
          [...f32x4Add, ...vStore()]),
        ...bump(R, 4),
        ...br(0),
      )),
      // then the remaining rows one by one
      ...block(loop(
        ...get(R), ...get(ROWS), ...i32GeU, ...brIf(1),
        ...splatP(S0, 0),
        ...get(M), ...get(R), ...get(STRIDE), ...i32Mul, ...i32Add, ...set(R0),
        ...vectorLoop(I, NB,
          [...get(Y), ...get(I), ...i32Add, ...set(AT), ...get(AT), ...get(AT), ...vLoad(), ...scaled(S0, R0), ...f32x4Add, ...vStore()]),
        ...bump(R, 1),
        ...br(0),
      )),
    ],
  };
}

/**
 * dots over four-row blocks stored [n/4][4 rows][4 floats]: one load stream. With `pair`, two
 * x rows (x, x + n floats) into two y rows (y, y + rows floats): each weight load then serves
 * two products (a prompt's positions run in pairs).
 */
function dotsPacked(pair: boolean): WasmFunction {
  const [X, M, Y, N, ROWS, BIAS, ACCUMULATE] = [0, 1, 2, 3, 4, 5, 6];
  const [R, I, NB, BASE, AT, YR, BR, Y2] = [7, 8, 9, 10, 11, 12, 13, 14];
  const ACC = [15, 16, 17, 18, 19, 20, 21, 22]; // row 0: 0..3, row 1: 4..7
  const [XV0, XV1, WV] = [23, 24, 25];
  const VALUE = 26;
  const accumulate = (k: number): Code => [
    ...get(AT), ...vLoad(16 * k), ...set(WV),
    ...get(ACC[k]), ...get(XV0), ...get(WV), ...f32x4Mul, ...f32x4Add, ...set(ACC[k]),
    ...(pair ? [...get(ACC[k + 4]), ...get(XV1), ...get(WV), ...f32x4Mul, ...f32x4Add, ...set(ACC[k + 4])] : []),
  ];
  // y[r + k] = (accumulate ? y[r + k] : 0) + (hsum + bias[r + k])
  const storeSum = (acc: number, yr: number, k: number): Code => [
    ...horizontalSum(acc), ...get(BR), ...f32Load(4 * k), ...f32Add, ...set(VALUE),
    ...get(yr),
    ...get(yr), ...f32Load(4 * k), ...get(VALUE), ...f32Add, ...get(VALUE), ...get(ACCUMULATE), ...select,
    ...f32Store(4 * k),
  ];
  const accumulators = pair ? ACC : ACC.slice(0, 4);
  return {
    name: pair ? 'dotsPackedPair' : 'dotsPacked',
    params: [I32, I32, I32, I32, I32, I32, I32],
    locals: [I32, I32, I32, I32, I32, I32, I32, I32, ...ACC.map(() => V128), V128, V128, V128, F32],
    body: [
      ...get(N), ...i32(2), ...i32Shl, ...set(NB),
      ...block(loop(
        ...get(R), ...get(ROWS), ...i32GeU, ...brIf(1),
        // a block of four rows is 4n floats: base = m + r · n · 4 bytes
        ...get(M), ...get(R), ...get(NB), ...i32Mul, ...i32Add, ...set(BASE),
        ...at4(Y, R), ...set(YR), ...at4(BIAS, R), ...set(BR),
        ...get(YR), ...get(ROWS), ...i32(2), ...i32Shl, ...i32Add, ...set(Y2), // the second y row
        ...accumulators.flatMap((a) => [...vSplat(0), ...set(a)]),
        ...vectorLoop(I, NB,
          // x[i..i+4] (and the second row's); the four rows' floats i..i+4 are at base + 4i + 0/16/32/48 bytes
          [...get(X), ...get(I), ...i32Add, ...vLoad(), ...set(XV0)],
          pair ? [...get(X), ...get(NB), ...i32Add, ...get(I), ...i32Add, ...vLoad(), ...set(XV1)] : [],
          [...get(BASE), ...get(I), ...i32(2), ...i32Shl, ...i32Add, ...set(AT)],
          accumulate(0), accumulate(1), accumulate(2), accumulate(3)),
        ...[0, 1, 2, 3].flatMap((k) => storeSum(ACC[k], YR, k)),
        ...(pair ? [4, 5, 6, 7].flatMap((k) => storeSum(ACC[k], Y2, k - 4)) : []),
        ...bump(R, 4),
        ...br(0),
      )),
    ],
  };
}

function softmax(): WasmFunction {
  const [S, N, SCALE, SLOPE, T] = [0, 1, 2, 3, 4];
  const [I, NB, AT] = [5, 6, 7];
  const [J, NV, V, ACC, MAX, R, K] = [8, 9, 10, 11, 12, 13, 14];
  const address: Code = [...get(S), ...get(I), ...i32Add, ...set(AT)];
  const firstLanes: Code = [...vConst(0, 1, 2, 3), ...set(J)];
  const nextLanes: Code = [...get(J), ...vSplat(4), ...f32x4Add, ...set(J)];
  /** v where j < n, else `past` */
  const maskPast = (past: number): Code => [...vSplat(past), ...get(J), ...get(NV), ...f32x4Lt, ...bitselect];
  const reduce = (combine: Code): Code => [
    ...get(ACC), ...f32x4Lane(0), ...get(ACC), ...f32x4Lane(1), ...combine,
    ...get(ACC), ...f32x4Lane(2), ...get(ACC), ...f32x4Lane(3), ...combine, ...combine,
  ];
  return {
    name: 'softmax',
    params: [I32, I32, F32, F32, F32],
    locals: [I32, I32, I32, V128, V128, V128, V128, V128, V128, V128],
    body: [
      // nb = bytes of n rounded up to whole vectors; NV = n in every lane
      ...get(N), ...i32(3), ...i32Add, ...i32(2), ...i32ShrU, ...i32(4), ...i32Shl, ...set(NB),
      ...get(N), ...f32ConvertI32, ...f32x4Splat, ...set(NV),
      // 1. s = s·scale + slope·(j − t) (−∞ past n), and its maximum
      ...firstLanes, ...vSplat(-Infinity), ...set(ACC),
      ...vectorLoop(I, NB, address,
        [...get(AT), ...vLoad(), ...get(SCALE), ...f32x4Splat, ...f32x4Mul],
        [...get(SLOPE), ...f32x4Splat, ...get(J), ...get(T), ...f32x4Splat, ...f32x4Sub, ...f32x4Mul, ...f32x4Add],
        [...maskPast(-Infinity), ...set(V)],
        [...get(AT), ...get(V), ...vStore(), ...get(ACC), ...get(V), ...f32x4Max, ...set(ACC)],
        nextLanes),
      ...reduce(f32Max), ...f32x4Splat, ...set(MAX),
      // 2. s = exp(s − max) (0 past n), and its sum
      ...firstLanes, ...vSplat(0), ...set(ACC),
      ...vectorLoop(I, NB, address,
        [...get(AT), ...vLoad(), ...get(MAX), ...f32x4Sub, ...set(V)],
        [...exp(V, R, K), ...maskPast(0), ...set(V)],
        [...get(AT), ...get(V), ...vStore(), ...get(ACC), ...get(V), ...f32x4Add, ...set(ACC)],
        nextLanes),
      // 3. s /= sum
      ...f32(1), ...reduce(f32Add), ...f32Div, ...f32x4Splat, ...set(ACC),
      ...vectorLoop(I, NB, address, [...get(AT), ...get(AT), ...vLoad(), ...get(ACC), ...f32x4Mul, ...vStore()]),
    ],
  };
}

function gelu(): WasmFunction {
  const [P, N] = [0, 1];
  const [I, NB, AT] = [2, 3, 4];
  const [V, U, R, K] = [5, 6, 7, 8];
  return {
    name: 'gelu',
    params: [I32, I32],
    locals: [I32, I32, I32, V128, V128, V128, V128],
    body: [
      ...get(N), ...i32(2), ...i32Shl, ...set(NB),
      ...vectorLoop(I, NB,
        [...get(P), ...get(I), ...i32Add, ...set(AT), ...get(AT), ...vLoad(), ...set(V)],
        // u = −2·√(2/π)·(v + 0.044715·v³); GELU(v) = ½v(1 + tanh(−u/2)) = v / (1 + eᵘ)
        [...get(V), ...get(V), ...f32x4Mul, ...get(V), ...f32x4Mul, ...vSplat(0.044715), ...f32x4Mul, ...get(V), ...f32x4Add],
        [...vSplat(Math.sqrt(2 / Math.PI)), ...f32x4Mul, ...vSplat(-2), ...f32x4Mul, ...set(U)],
        [...get(AT), ...get(V), ...vSplat(1), ...exp(U, R, K), ...f32x4Add, ...f32x4Div, ...vStore()]),
    ],
  };
}

function layerNorm(): WasmFunction {
  const [X, OUT, GAMMA, BETA, N, ROWS] = [0, 1, 2, 3, 4, 5];
  const [R, I, NB, XR, OR] = [6, 7, 8, 9, 10];
  const [ACC, MEAN, C] = [11, 12, 13];
  const xAt: Code = [...get(XR), ...get(I), ...i32Add, ...vLoad()];
  const at = (p: number): Code => [...get(p), ...get(I), ...i32Add];
  /** (Σ lanes of ACC) / n in every lane */
  const lanesOverN: Code = [...horizontalSum(ACC), ...get(N), ...f32ConvertI32, ...f32Div];
  return {
    name: 'layerNorm',
    params: [I32, I32, I32, I32, I32, I32],
    locals: [I32, I32, I32, I32, I32, V128, V128, V128],
    body: [
      ...get(N), ...i32(2), ...i32Shl, ...set(NB),
      ...block(loop(
        ...get(R), ...get(ROWS), ...i32GeU, ...brIf(1),
        ...get(X), ...get(R), ...get(NB), ...i32Mul, ...i32Add, ...set(XR),
        ...get(OUT), ...get(R), ...get(NB), ...i32Mul, ...i32Add, ...set(OR),
        // mean
        ...vSplat(0), ...set(ACC),
        ...vectorLoop(I, NB, [...get(ACC), ...xAt, ...f32x4Add, ...set(ACC)]),
        ...lanesOverN, ...f32x4Splat, ...set(MEAN),
        // 1/√(variance + 1e-5)
        ...vSplat(0), ...set(ACC),
        ...vectorLoop(I, NB, [...xAt, ...get(MEAN), ...f32x4Sub, ...set(C), ...get(ACC), ...get(C), ...get(C), ...f32x4Mul, ...f32x4Add, ...set(ACC)]),
        ...f32(1), ...lanesOverN, ...f32(1e-5), ...f32Add, ...f32Sqrt, ...f32Div, ...f32x4Splat, ...set(ACC),
        // out = (x − mean)·inv·γ + β
        ...vectorLoop(I, NB,
          [...at(OR), ...xAt, ...get(MEAN), ...f32x4Sub, ...get(ACC), ...f32x4Mul],
          [...at(GAMMA), ...vLoad(), ...f32x4Mul, ...at(BETA), ...vLoad(), ...f32x4Add, ...vStore()]),
        ...bump(R, 1),
        ...br(0),
      )),
    ],
  };
}

/** Every kernel, in export order. */
export function kernelFunctions(): WasmFunction[] {
  return [dots(), axpys(), dotsPacked(false), dotsPacked(true), softmax(), gelu(), layerNorm()];
}
