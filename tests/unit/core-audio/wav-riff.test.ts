/**
 * The RIFF container under every WAV: the refusals a user reads for files that are not RIFF at
 * all, how the chunk walk stops on cut or unreadable files without throwing, and the exact bytes
 * of an assembled file (sizes, pad bytes).
 */
import { describe, expect, it } from 'vitest';
import { buildRiff, readFourCC, walkRiff, writeFourCC } from '../../../src/core/audio/riff.ts';
import { AleaError } from '../../../src/core/errors.ts';

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const u32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

function riff(form: string, ...rest: number[][]): Uint8Array {
  const body = rest.flat();
  return Uint8Array.from([...ascii('RIFF'), ...u32(4 + body.length), ...ascii(form), ...body]);
}

function refusal(bytes: Uint8Array, form = 'WAVE', name?: string): string {
  try {
    walkRiff(bytes, form, name);
  } catch (error) {
    expect(error).toBeInstanceOf(AleaError);
    expect((error as AleaError).kind).toBe('bad-input');
    return (error as AleaError).message;
  }
  throw new Error('the file was accepted');
}

describe('walkRiff: files that are not RIFF', () => {
  it('names what it found, in one line', () => {
    expect(refusal(new Uint8Array(0), 'WAVE', 'WAV')).toBe('file is empty (0 bytes)');
    expect(refusal(Uint8Array.from(ascii('RF64xxxxWAVE')), 'WAVE', 'WAV')).toBe('RF64 files (WAV over 4 GB) are not supported; export as a standard WAV');
    expect(refusal(Uint8Array.from(ascii('BW64xxxxWAVE')), 'WAVE', 'WAV')).toBe('BW64 files (WAV over 4 GB) are not supported; export as a standard WAV');
    expect(refusal(Uint8Array.from(ascii('RIFXxxxxWAVE')), 'WAVE', 'WAV')).toBe('big-endian RIFX files are not supported');
    expect(refusal(Uint8Array.from(ascii('OggS\0\0\0\0WAVE')), 'WAVE', 'WAV')).toBe('not a WAV file (no RIFF header)');
    expect(refusal(Uint8Array.from(ascii('OggS')))).toBe('not a WAVE file (no RIFF header)'); // the form names the type by default
  });

  it('a RIFF header cut short (under 12 bytes), and files too short to show a magic', () => {
    expect(refusal(Uint8Array.from(ascii('RIFF\0\0\0\0WA')), 'WAVE', 'WAV')).toBe('file is cut short: 10 bytes, a RIFF header needs 12');
    expect(refusal(Uint8Array.from(ascii('RIFF')), 'WAVE', 'WAV')).toBe('file is cut short: 4 bytes, a RIFF header needs 12');
    expect(refusal(Uint8Array.from(ascii('RIF')), 'WAVE', 'WAV')).toBe('file is cut short: 3 bytes, a RIFF header needs 12');
  });

  it('a RIFF file of another type', () => {
    expect(refusal(riff('AVI '), 'WAVE', 'WAV')).toBe("RIFF file of type 'AVI' is not a WAV file");
    expect(walkRiff(riff('AVI '), 'AVI ').form).toBe('AVI ');
  });
});

describe('walkRiff: the chunks', () => {
  it('walks chunks in order with their offsets and sizes, bodies as views of the file, odd sizes padded', () => {
    const bytes = riff('WAVE', [...ascii('abc '), ...u32(3), 1, 2, 3, 0], [...ascii('data'), ...u32(2), 7, 8]);
    const walk = walkRiff(bytes, 'WAVE');
    expect(walk.riffSize).toBe(bytes.byteLength - 8);
    expect(walk.unreadableAt).toBeUndefined();
    expect(walk.chunks.map((c) => [c.id, c.headerOffset, c.declaredSize, [...c.body], c.cutShort])).toEqual([
      ['abc ', 12, 3, [1, 2, 3], false],
      ['data', 24, 2, [7, 8], false],
    ]);
    expect(walk.chunks[1].body.buffer).toBe(bytes.buffer);
    expect(walk.chunks[1].body.byteOffset).toBe(32);
  });

  it('reads sizes as unsigned 32-bit numbers (a size of 0xffffffff is cut short, not negative)', () => {
    const walk = walkRiff(riff('WAVE', [...ascii('data'), ...u32(0xffffffff), 1, 2]), 'WAVE');
    expect(walk.chunks[0]).toMatchObject({ id: 'data', declaredSize: 0xffffffff, cutShort: true });
    expect([...walk.chunks[0].body]).toEqual([1, 2]);
    const big = Uint8Array.from([...ascii('RIFF'), ...u32(0x80000010), ...ascii('WAVE')]);
    expect(walkRiff(big, 'WAVE').riffSize).toBe(0x80000010);
  });

  it('stops at a chunk that runs past the end, keeping the bytes present; nothing after it is read', () => {
    const walk = walkRiff(riff('WAVE', [...ascii('fmt '), ...u32(2), 9, 9], [...ascii('data'), ...u32(10), 1, 2, 3]), 'WAVE');
    expect(walk.chunks.map((c) => [c.id, c.declaredSize, c.body.byteLength, c.cutShort])).toEqual([
      ['fmt ', 2, 2, false],
      ['data', 10, 3, true],
    ]);
  });

  it('a chunk ending exactly at the end of the file is whole', () => {
    const walk = walkRiff(riff('WAVE', [...ascii('data'), ...u32(3), 1, 2, 3]), 'WAVE');
    expect(walk.chunks[0]).toMatchObject({ declaredSize: 3, cutShort: false });
  });

  it('stops at a header that is not printable text and says where; printable edges (space, ~) are ids', () => {
    const edges = walkRiff(riff('WAVE', [...ascii(' ~~ '), ...u32(0)]), 'WAVE');
    expect(edges.chunks.map((c) => c.id)).toEqual([' ~~ ']);
    for (const bad of [0x1f, 0x7f]) {
      const walk = walkRiff(riff('WAVE', [...ascii('fmt '), ...u32(0)], [bad, ...ascii('abc'), ...u32(0)]), 'WAVE');
      expect(walk.chunks.map((c) => c.id)).toEqual(['fmt ']);
      expect(walk.unreadableAt).toBe(20);
    }
    const last = walkRiff(riff('WAVE', [...ascii('ab'), 0x80, 0x41, ...u32(0)]), 'WAVE');
    expect(last.unreadableAt).toBe(12);
  });

  it('ignores a tail shorter than a chunk header (7 bytes), and reads one of exactly 8', () => {
    expect(walkRiff(riff('WAVE', [1, 2, 3, 4, 5, 6, 7]), 'WAVE').chunks).toEqual([]);
    expect(walkRiff(riff('WAVE', [...ascii('junk'), ...u32(0)]), 'WAVE').chunks.map((c) => c.id)).toEqual(['junk']);
  });
});

describe('buildRiff', () => {
  it('writes the header, each chunk with its real size, and a zero pad byte after an odd body', () => {
    const out = buildRiff('WAVE', [
      { id: 'odd ', body: Uint8Array.from([1, 2, 3]) },
      { id: 'data', body: Uint8Array.from([4, 5]) },
    ]);
    expect([...out]).toEqual([
      ...ascii('RIFF'), ...u32(26), ...ascii('WAVE'),
      ...ascii('odd '), ...u32(3), 1, 2, 3, 0,
      ...ascii('data'), ...u32(2), 4, 5,
    ]);
  });

  it('reads back chunk for chunk', () => {
    const chunks = [
      { id: 'fmt ', body: Uint8Array.from({ length: 16 }, (_, i) => i) },
      { id: 'LIST', body: Uint8Array.from([9]) },
      { id: 'data', body: new Uint8Array(0) },
    ];
    const walk = walkRiff(buildRiff('WAVE', chunks), 'WAVE');
    expect(walk.chunks.map((c) => [c.id, [...c.body]])).toEqual(chunks.map((c) => [c.id, [...c.body]]));
    expect(walk.riffSize).toBe(4 + 24 + 10 + 8);
  });

  it('refuses a chunk id that is not four characters', () => {
    expect(() => buildRiff('WAVE', [{ id: 'abc', body: new Uint8Array(0) }])).toThrow(RangeError);
    expect(() => writeFourCC(new Uint8Array(8), 0, 'abcde')).toThrow("chunk id must be 4 characters: 'abcde'");
    const out = new Uint8Array(6).fill(0xee);
    writeFourCC(out, 1, 'WAVE');
    expect([...out]).toEqual([0xee, ...ascii('WAVE'), 0xee]); // four bytes, nothing around them
    expect(readFourCC(out, 1)).toBe('WAVE');
  });
});
