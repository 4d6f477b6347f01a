/**
 * Just enough of the WebAssembly binary format to assemble small SIMD kernels in TypeScript:
 * instructions as byte arrays (named after their WAT mnemonics) and a module builder. Why not a
 * toolchain: the kernels (simd-kernels.ts) are a few hundred bytes, and assembling them here
 * keeps them readable, reviewable and free of a build step or a binary blob.
 * Reference: https://webassembly.github.io/spec/core/binary/ (and the SIMD opcode table).
 */

export type Code = number[];

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

export function uleb(value: number): Code {
  const out: Code = [];
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
}

function sleb(value: number): Code {
  const out: Code = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const f32Bytes = (value: number): Code => Array.from(new Uint8Array(new Float32Array([value]).buffer));
const simd = (op: number): Code => [0xfd, ...uleb(op)];
/** memory argument: alignment 4 bytes (floats), byte offset */
const memarg = (offset: number): Code => [2, ...uleb(offset)];

// control
export const block = (...body: (Code | number)[]): Code => [0x02, 0x40, ...body.flat(), 0x0b];
export const loop = (...body: (Code | number)[]): Code => [0x03, 0x40, ...body.flat(), 0x0b];
export const br = (depth: number): Code => [0x0c, ...uleb(depth)];
export const brIf = (depth: number): Code => [0x0d, ...uleb(depth)];
export const select: Code = [0x1b];
// locals
export const get = (i: number): Code => [0x20, ...uleb(i)];
export const set = (i: number): Code => [0x21, ...uleb(i)];
export const tee = (i: number): Code => [0x22, ...uleb(i)];
// i32
export const i32 = (n: number): Code => [0x41, ...sleb(n)];
export const i32Add: Code = [0x6a];
export const i32Mul: Code = [0x6c];
export const i32Shl: Code = [0x74];
export const i32ShrU: Code = [0x76];
export const i32LtU: Code = [0x49];
export const i32GtU: Code = [0x4b];
export const i32GeU: Code = [0x4f];
// f32
export const f32 = (x: number): Code => [0x43, ...f32Bytes(x)];
export const f32Load = (offset = 0): Code => [0x2a, ...memarg(offset)];
export const f32Store = (offset = 0): Code => [0x38, ...memarg(offset)];
export const f32Sqrt: Code = [0x91];
export const f32Add: Code = [0x92];
export const f32Div: Code = [0x95];
export const f32Max: Code = [0x97];
export const f32ConvertI32: Code = [0xb2]; // f32.convert_i32_s
// v128
export const vLoad = (offset = 0): Code => [...simd(0x00), ...memarg(offset)];
export const vStore = (offset = 0): Code => [...simd(0x0b), ...memarg(offset)];
export const vConst = (...lanes: number[]): Code => [...simd(0x0c), ...lanes.flatMap(f32Bytes)];
export const vSplat = (x: number): Code => vConst(x, x, x, x);
export const vSplatI32 = (n: number): Code => [...simd(0x0c), ...Array.from(new Uint8Array(new Int32Array([n, n, n, n]).buffer))];
export const bitselect: Code = simd(0x52);
export const f32x4Splat: Code = simd(0x13);
export const f32x4Lane = (k: number): Code => [...simd(0x1f), k];
export const f32x4Lt: Code = simd(0x43);
export const f32x4Nearest: Code = simd(0x6a);
export const i32x4Shl: Code = simd(0xab);
export const i32x4Add: Code = simd(0xae);
export const f32x4Add: Code = simd(0xe4);
export const f32x4Sub: Code = simd(0xe5);
export const f32x4Mul: Code = simd(0xe6);
export const f32x4Div: Code = simd(0xe7);
export const f32x4Min: Code = simd(0xe8);
export const f32x4Max: Code = simd(0xe9);
export const i32x4TruncSatF32x4: Code = simd(0xf8);

export interface WasmFunction {
  name: string;
  params: number[];
  /** value types of the locals after the parameters, in order */
  locals: number[];
  body: Code;
}

const name = (text: string): Code => [...uleb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];
const vec = (items: Code[]): Code => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: Code): Code => [id, ...uleb(body.length), ...body];

/** Runs of equal types, as the code section declares locals. */
function localGroups(locals: number[]): Code[] {
  const groups: Code[] = [];
  for (let i = 0; i < locals.length; ) {
    let j = i;
    while (j < locals.length && locals[j] === locals[i]) j++;
    groups.push([...uleb(j - i), locals[i]]);
    i = j;
  }
  return groups;
}

/** A module that imports its memory as env.memory and exports each function (none return a value). */
export function assembleModule(functions: WasmFunction[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((p) => [p])), ...vec([])]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(functions.map((f) => {
      const body = [...vec(localGroups(f.locals)), ...f.body, 0x0b];
      return [...uleb(body.length), ...body];
    }))),
  ]);
}
