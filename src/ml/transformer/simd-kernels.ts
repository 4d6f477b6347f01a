/**
 * Two vector kernels in WebAssembly SIMD (128-bit, four floats per instruction), for decoding
 * one token at a time. Why by hand: a decode step is ~50 products of one vector with a small
 * matrix (d ≤ a few hundred). Through tfjs each costs 10–50 µs of dispatch whatever its size,
 * and plain JavaScript loops reach ~0.5 GMAC/s; these run at several GMAC/s with no dispatch.
 * No npm package offers a small SIMD matrix-vector product, and the module is a few hundred
 * bytes, so it is assembled here from its instructions (the WAT equivalent is in the comments).
 *
 *   dots(x, m, y, n, rows, stride):  y[r] = Σ_{i<n} x[i]·m[r][i]      for r < rows
 *   axpys(p, m, y, n, rows, stride): y[i] = Σ_{r<rows} p[r]·m[r][i]   for i < n
 *   dotsPacked(x, m, y, n, rows):    dots over a matrix packed by `packRows` (rows a multiple of 4)
 *
 * Pointers are byte offsets into the instance's memory; `n` counts floats and must be a positive
 * multiple of 4; `stride` is the byte distance between rows of m. Sums run in a fixed order
 * (four lanes, then the lanes pairwise), so the same inputs give the same bits everywhere.
 *
 * Why a packed layout: a weight matrix is read once per token from beyond the L2 cache, and
 * four row streams read at a fraction of the speed of one (measured 7 vs 30 GB/s for a 7 MB
 * model). `packRows` interleaves each block of four rows, [n/4][4 rows][4 floats], so that the
 * four-row dot product reads memory in one ascending stream.
 */

export interface VectorKernels {
  readonly memory: WebAssembly.Memory;
  dots(x: number, m: number, y: number, n: number, rows: number, stride: number): void;
  axpys(p: number, m: number, y: number, n: number, rows: number, stride: number): void;
  dotsPacked(x: number, m: number, y: number, n: number, rows: number): void;
}

/**
 * Writes `rows` × `n` matrix `source` (row-major) packed for `dotsPacked` into `target` at
 * `at`; rows past `rows` up to a multiple of 4 are zero. → floats written
 */
export function packRows(source: (row: number, col: number) => number, rows: number, n: number, target: Float32Array, at: number): number {
  const padded = packedRowCount(rows);
  for (let r = 0; r < padded; r++) {
    const block = at + (r >> 2) * 4 * n + (r & 3) * 4;
    for (let i = 0; i < n; i++) target[block + (i >> 2) * 16 + (i & 3)] = r < rows ? source(r, i) : 0;
  }
  return padded * n;
}

/** Element (row, col) of a matrix packed by `packRows` at `at` with row length `n`. */
export function packedIndex(at: number, n: number, row: number, col: number): number {
  return at + (row >> 2) * 4 * n + (col >> 2) * 16 + (row & 3) * 4 + (col & 3);
}

/** Rows a packed matrix of `rows` rows holds (a multiple of 4). */
export function packedRowCount(rows: number): number {
  return Math.ceil(rows / 4) * 4;
}

// ---- binary encoding ----------------------------------------------------------------------

function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const name = (text: string): number[] => [...uleb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

const I32 = 0x7f;
const V128 = 0x7b;
const EMPTY = 0x40;

// instructions
const get = (i: number): number[] => [0x20, ...uleb(i)];
const set = (i: number): number[] => [0x21, ...uleb(i)];
const i32 = (n: number): number[] => [0x41, ...sleb(n)];
const add = [0x6a]; // i32.add
const mul = [0x6c]; // i32.mul
const shl = [0x74]; // i32.shl
const ltU = [0x49]; // i32.lt_u
const geU = [0x4f]; // i32.ge_u
const gtU = [0x4b]; // i32.gt_u
const f32Load = [0x2a, 2, 0]; // align 4, offset 0
const f32Store = (offset: number): number[] => [0x38, 2, ...uleb(offset)];
const f32Add = [0x92];
const simd = (op: number): number[] => [0xfd, ...uleb(op)];
const vLoad = [...simd(0x00), 2, 0]; // v128.load, align 4 (floats), offset 0
const vStore = [...simd(0x0b), 2, 0];
const vZero = [...simd(0x0c), ...new Array<number>(16).fill(0)]; // v128.const 0
const splat = simd(0x13); // f32x4.splat
const lane = (k: number): number[] => [...simd(0x1f), k]; // f32x4.extract_lane
const vAdd = simd(0xe4); // f32x4.add
const vMul = simd(0xe6); // f32x4.mul
const block = (body: number[]): number[] => [0x02, EMPTY, ...body, 0x0b];
const loop = (body: number[]): number[] => [0x03, EMPTY, ...body, 0x0b];
const br = (depth: number): number[] => [0x0c, ...uleb(depth)];
const brIf = (depth: number): number[] => [0x0d, ...uleb(depth)];

// parameters shared by both kernels
const [A, M, Y, N, ROWS, STRIDE] = [0, 1, 2, 3, 4, 5];

/** (lane0 + lane1) + (lane2 + lane3) of a v128 local */
const horizontalSum = (acc: number): number[] => [
  ...get(acc), ...lane(0), ...get(acc), ...lane(1), ...f32Add,
  ...get(acc), ...lane(2), ...get(acc), ...lane(3), ...f32Add, ...f32Add,
];

/** local = local + constant */
const bump = (local: number, by: number[]): number[] => [...get(local), ...by, ...add, ...set(local)];

function dotsBody(): number[] {
  // locals after the 6 parameters
  const [R, I, NB, R0, R1, R2, R3] = [6, 7, 8, 9, 10, 11, 12]; // i32
  const [ACC0, ACC1, ACC2, ACC3, XV] = [13, 14, 15, 16, 17]; // v128
  const accumulate = (acc: number, row: number): number[] => [
    // acc += xv · m[row + i]
    ...get(acc), ...get(XV), ...get(row), ...get(I), ...add, ...vLoad, ...vMul, ...vAdd, ...set(acc),
  ];
  const storeSum = (acc: number, k: number): number[] => [
    // y[r + k] = hsum(acc)
    ...get(Y), ...get(R), ...i32(2), ...shl, ...add, ...horizontalSum(acc), ...f32Store(4 * k),
  ];
  const body = [
    // nb = n · 4 (bytes); r = 0
    ...get(N), ...i32(2), ...shl, ...set(NB),
    // four rows at a time: x is loaded once for four products
    ...block(loop([
      ...get(R), ...i32(4), ...add, ...get(ROWS), ...gtU, ...brIf(1), // r + 4 > rows: leave
      ...get(M), ...get(R), ...get(STRIDE), ...mul, ...add, ...set(R0),
      ...get(R0), ...get(STRIDE), ...add, ...set(R1),
      ...get(R1), ...get(STRIDE), ...add, ...set(R2),
      ...get(R2), ...get(STRIDE), ...add, ...set(R3),
      ...vZero, ...set(ACC0), ...vZero, ...set(ACC1), ...vZero, ...set(ACC2), ...vZero, ...set(ACC3),
      ...i32(0), ...set(I),
      ...loop([
        ...get(A), ...get(I), ...add, ...vLoad, ...set(XV),
        ...accumulate(ACC0, R0), ...accumulate(ACC1, R1), ...accumulate(ACC2, R2), ...accumulate(ACC3, R3),
        ...bump(I, i32(16)),
        ...get(I), ...get(NB), ...ltU, ...brIf(0),
      ]),
      ...storeSum(ACC0, 0), ...storeSum(ACC1, 1), ...storeSum(ACC2, 2), ...storeSum(ACC3, 3),
      ...bump(R, i32(4)),
      ...br(0),
    ])),
    // the remaining rows one by one
    ...block(loop([
      ...get(R), ...get(ROWS), ...geU, ...brIf(1),
      ...get(M), ...get(R), ...get(STRIDE), ...mul, ...add, ...set(R0),
      ...vZero, ...set(ACC0),
      ...i32(0), ...set(I),
      ...loop([
        ...get(A), ...get(I), ...add, ...vLoad, ...set(XV),
        ...accumulate(ACC0, R0),
        ...bump(I, i32(16)),
        ...get(I), ...get(NB), ...ltU, ...brIf(0),
      ]),
      ...storeSum(ACC0, 0),
      ...bump(R, i32(1)),
      ...br(0),
    ])),
  ];
  return [...vec([[7, I32], [5, V128]]), ...body, 0x0b];
}

const vLoadAt = (offset: number): number[] => [...simd(0x00), 2, ...uleb(offset)];

/** dots over four-row blocks stored [n/4][4 rows][4 floats]: one load stream, offsets 0/16/32/48 */
function dotsPackedBody(): number[] {
  const [R, I, NB, BASE, AT] = [5, 6, 7, 8, 9]; // i32, after the 5 parameters
  const [ACC0, ACC1, ACC2, ACC3, XV] = [10, 11, 12, 13, 14]; // v128
  const accumulate = (acc: number, k: number): number[] => [
    ...get(acc), ...get(XV), ...get(AT), ...vLoadAt(16 * k), ...vMul, ...vAdd, ...set(acc),
  ];
  const storeSum = (acc: number, k: number): number[] => [
    ...get(Y), ...get(R), ...i32(2), ...shl, ...add, ...horizontalSum(acc), ...f32Store(4 * k),
  ];
  const body = [
    ...get(N), ...i32(2), ...shl, ...set(NB),
    ...block(loop([
      ...get(R), ...i32(4), ...add, ...get(ROWS), ...gtU, ...brIf(1),
      // base = m + r · n · 4 bytes (a block of four rows is 4n floats)
      ...get(M), ...get(R), ...get(NB), ...mul, ...add, ...set(BASE),
      ...vZero, ...set(ACC0), ...vZero, ...set(ACC1), ...vZero, ...set(ACC2), ...vZero, ...set(ACC3),
      ...i32(0), ...set(I),
      ...loop([
        // xv = x[i..i+4]; the four rows' floats i..i+4 are at base + 4i + 0/16/32/48 bytes
        ...get(A), ...get(I), ...add, ...vLoad, ...set(XV),
        ...get(BASE), ...get(I), ...i32(2), ...shl, ...add, ...set(AT),
        ...accumulate(ACC0, 0), ...accumulate(ACC1, 1), ...accumulate(ACC2, 2), ...accumulate(ACC3, 3),
        ...bump(I, i32(16)),
        ...get(I), ...get(NB), ...ltU, ...brIf(0),
      ]),
      ...storeSum(ACC0, 0), ...storeSum(ACC1, 1), ...storeSum(ACC2, 2), ...storeSum(ACC3, 3),
      ...bump(R, i32(4)),
      ...br(0),
    ])),
  ];
  return [...vec([[5, I32], [5, V128]]), ...body, 0x0b];
}

function axpysBody(): number[] {
  const [R, I, NB, ROW, AT] = [6, 7, 8, 9, 10]; // i32
  const S = 11; // v128
  const body = [
    ...get(N), ...i32(2), ...shl, ...set(NB),
    // y = 0
    ...loop([
      ...get(Y), ...get(I), ...add, ...vZero, ...vStore,
      ...bump(I, i32(16)),
      ...get(I), ...get(NB), ...ltU, ...brIf(0),
    ]),
    ...block(loop([
      ...get(R), ...get(ROWS), ...geU, ...brIf(1),
      // s = splat(p[r]); row = m + r · stride
      ...get(A), ...get(R), ...i32(2), ...shl, ...add, ...f32Load, ...splat, ...set(S),
      ...get(M), ...get(R), ...get(STRIDE), ...mul, ...add, ...set(ROW),
      ...i32(0), ...set(I),
      ...loop([
        // y[i..i+4] += s · row[i..i+4]
        ...get(Y), ...get(I), ...add, ...set(AT),
        ...get(AT), ...get(AT), ...vLoad, ...get(S), ...get(ROW), ...get(I), ...add, ...vLoad, ...vMul, ...vAdd, ...vStore,
        ...bump(I, i32(16)),
        ...get(I), ...get(NB), ...ltU, ...brIf(0),
      ]),
      ...bump(R, i32(1)),
      ...br(0),
    ])),
  ];
  return [...vec([[5, I32], [1, V128]]), ...body, 0x0b];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const kernelType = (params: number): number[] => [0x60, ...vec(new Array<number[]>(params).fill([I32])), ...vec([])];
  const bodies = [dotsBody(), axpysBody(), dotsPackedBody()];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([kernelType(6), kernelType(5)])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vec([[0], [0], [1]])),
    ...section(7, vec([[...name('dots'), 0x00, 0], [...name('axpys'), 0x00, 1], [...name('dotsPacked'), 0x00, 2]])),
    ...section(10, vec(bodies.map((b) => [...uleb(b.length), ...b]))),
  ]);
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is not available. */
function kernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = moduleBytes();
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

export function simdKernelsAvailable(): boolean {
  return kernelModule() !== null;
}

/** Kernels over a fresh memory of `bytes` bytes (rounded up to 64 KiB pages); null without SIMD. */
export function createVectorKernels(bytes: number): VectorKernels | null {
  const module = kernelModule();
  if (module === null) return null;
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const { dots, axpys, dotsPacked } = instance.exports;
  if (typeof dots !== 'function' || typeof axpys !== 'function' || typeof dotsPacked !== 'function') return null;
  // Exports are untyped functions; these take five or six i32 arguments and return nothing.
  return { memory, dots: dots as VectorKernels['dots'], axpys: axpys as VectorKernels['axpys'], dotsPacked: dotsPacked as VectorKernels['dotsPacked'] };
}
