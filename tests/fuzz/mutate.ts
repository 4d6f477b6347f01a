/**
 * fast-check inputs for a parser: a real file put through a few mutations (bit flips, bytes set,
 * boundary values written over size fields, cuts, insertions, repeated spans), or random bytes.
 */
import fc from 'fast-check';

export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'size32'; at: number; value: number; bigEndian: boolean }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'repeat'; at: number; length: number; times: number }
  | { kind: 'remove'; at: number; length: number };

/** Values that break size fields: zero, one, the largest, around the sign bit, and small odd ones. */
const BOUNDARY = [0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

// Any offset, uniformly over the file (doubles would cluster near 0); a quarter land in the first 64 bytes, where headers are.
const position = fc.oneof({ weight: 3, arbitrary: fc.nat() }, { weight: 1, arbitrary: fc.nat({ max: 63 }) });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: position, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('size32' as const), at: position, value: fc.constantFrom(...BOUNDARY), bigEndian: fc.boolean() }),
  fc.record({ kind: fc.constant('cut' as const), at: position }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: position, length: fc.integer({ min: 1, max: 64 }), times: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('remove' as const), at: position, length: fc.integer({ min: 1, max: 32 }) }),
);

function applyOne(input: Uint8Array, m: Mutation): Uint8Array {
  const at = m.at % (input.byteLength + 1);
  switch (m.kind) {
    case 'flip': {
      if (input.byteLength === 0) return input;
      const out = input.slice();
      out[Math.min(at, out.byteLength - 1)] ^= 1 << m.bit;
      return out;
    }
    case 'set': {
      if (input.byteLength === 0) return input;
      const out = input.slice();
      out[Math.min(at, out.byteLength - 1)] = m.value;
      return out;
    }
    case 'size32': {
      if (input.byteLength < 4) return input;
      const out = input.slice();
      new DataView(out.buffer).setUint32(Math.min(at, out.byteLength - 4), m.value >>> 0, !m.bigEndian);
      return out;
    }
    case 'cut':
      return input.slice(0, at);
    case 'insert':
      return Uint8Array.from([...input.subarray(0, at), ...m.bytes, ...input.subarray(at)]);
    case 'repeat': {
      const span = input.subarray(at, at + m.length);
      const parts = [input.subarray(0, at + span.byteLength)];
      for (let i = 0; i < m.times; i++) parts.push(span);
      parts.push(input.subarray(at + span.byteLength));
      const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
      let offset = 0;
      for (const p of parts) {
        out.set(p, offset);
        offset += p.byteLength;
      }
      return out;
    }
    case 'remove':
      return Uint8Array.from([...input.subarray(0, at), ...input.subarray(at + m.length)]);
  }
}

export function mutate(seed: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  return mutations.reduce(applyOne, seed);
}

/** Inputs for one target: mostly mutated seeds, some random bytes. */
export function inputArb(seeds: readonly Uint8Array[], json = false): fc.Arbitrary<Uint8Array> {
  const mutated = fc
    .record({ seed: fc.integer({ min: 0, max: seeds.length - 1 }), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }) })
    .map(({ seed, mutations }) => mutate(seeds[seed], mutations));
  const random = fc.uint8Array({ maxLength: 2048 });
  if (json) return fc.oneof({ weight: 2, arbitrary: mutated }, { weight: 1, arbitrary: random }, { weight: 4, arbitrary: jsonInputArb(seeds) });
  return fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: random });
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Every container node of a JSON value, depth first (the root first). */
function containers(value: Json, out: (Json[] | { [key: string]: Json })[] = []): (Json[] | { [key: string]: Json })[] {
  if (value !== null && typeof value === 'object') {
    out.push(value);
    for (const child of Array.isArray(value) ? value : Object.values(value)) containers(child, out);
  }
  return out;
}

/** A field of a JSON file replaced by any JSON value, or removed: gets past the JSON syntax to the schema. */
export function jsonInputArb(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const texts = seeds.map((s) => new TextDecoder().decode(s));
  const extremes = fc.constantFrom<Json>(-1, 0, 1e308, -1e308, 2 ** 53, 0.5, '', 'x'.repeat(10_000), [], {}, null, true, '-Infinity');
  return fc
    .record({ seed: fc.integer({ min: 0, max: texts.length - 1 }), node: fc.nat(), key: fc.nat(), remove: fc.boolean(), value: fc.oneof(extremes, fc.jsonValue({ maxDepth: 3 })) })
    .map(({ seed, node, key, remove, value }) => {
      const root = JSON.parse(texts[seed]) as Json;
      const nodes = containers(root);
      if (nodes.length > 0) {
        const target = nodes[node % nodes.length];
        const keys = Array.isArray(target) ? target.map((_, i) => i) : Object.keys(target);
        if (keys.length > 0) {
          const k = keys[key % keys.length];
          if (Array.isArray(target)) {
            if (remove) target.splice(Number(k), 1);
            else target[Number(k)] = value as Json;
          } else if (remove) {
            delete target[String(k)];
          } else {
            target[String(k)] = value as Json;
          }
        }
      }
      return new TextEncoder().encode(JSON.stringify(root));
    });
}
