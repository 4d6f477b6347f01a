/**
 * Writes the WAV test corpus: broken files in tests/fixtures/bad/wav/ (each one fault, each
 * under 4 KB) and readable-but-unusual files in tests/fixtures/good/wav/.
 * Deterministic: running it again gives the same bytes.
 *
 *   npx tsx scripts/make-bad-fixtures-wav.ts [repo-root]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRiff, writeFourCC, type ChunkToWrite } from '../src/core/audio/riff.ts';

interface RawFmt {
  code?: number;
  channels?: number;
  sampleRate?: number;
  blockAlign?: number;
  bits?: number;
}

/** A fmt body with any values, right or wrong (the product's encoder refuses wrong ones). */
function rawFmt(fmt: RawFmt = {}): Uint8Array {
  const channels = fmt.channels ?? 1;
  const bits = fmt.bits ?? 16;
  const sampleRate = fmt.sampleRate ?? 8000;
  const blockAlign = fmt.blockAlign ?? channels * Math.ceil(bits / 8);
  const body = new Uint8Array(16);
  const view = new DataView(body.buffer);
  view.setUint16(0, fmt.code ?? 1, true);
  view.setUint16(2, channels, true);
  view.setUint32(4, sampleRate, true);
  view.setUint32(8, sampleRate * blockAlign, true);
  view.setUint16(12, blockAlign, true);
  view.setUint16(14, bits, true);
  return body;
}

/** `count` 16-bit samples of a 440 Hz tone at 8 kHz, half scale. */
function pcm16(count: number): Uint8Array {
  const body = new Uint8Array(count * 2);
  const view = new DataView(body.buffer);
  for (let i = 0; i < count; i++) view.setInt16(i * 2, Math.round(16384 * Math.sin((2 * Math.PI * 440 * i) / 8000)), true);
  return body;
}

/** `count` float32 samples of the same tone, with `bad` written at index `at`. */
function float32With(count: number, at: number, bad: number): Uint8Array {
  const body = new Uint8Array(count * 4);
  const view = new DataView(body.buffer);
  for (let i = 0; i < count; i++) view.setFloat32(i * 4, i === at ? bad : 0.5 * Math.sin((2 * Math.PI * 440 * i) / 8000), true);
  return body;
}

function text(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

function wave(chunks: ChunkToWrite[]): Uint8Array {
  return buildRiff('WAVE', chunks);
}

function setU32(bytes: Uint8Array, offset: number, value: number): Uint8Array {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(offset, value, true);
  return bytes;
}

const goodFile = wave([{ id: 'fmt ', body: rawFmt() }, { id: 'data', body: pcm16(200) }]);

/** Data chunk declaring ~4 GB while the RIFF size matches the real file: the header contradicts itself. */
function dataSizeAbsurd(): Uint8Array {
  const bytes = wave([{ id: 'fmt ', body: rawFmt() }, { id: 'data', body: pcm16(50) }]);
  return setU32(bytes, 40, 0xfffffff0);
}

/** A stream whose writer never filled in the sizes (both 0xFFFFFFFF): read up to the end. */
function streamedSizeUnknown(): Uint8Array {
  const bytes = wave([{ id: 'fmt ', body: rawFmt() }, { id: 'data', body: pcm16(120) }]);
  setU32(bytes, 4, 0xffffffff);
  return setU32(bytes, 40, 0xffffffff);
}

function withUnknownChunks(): Uint8Array {
  const adtl = new Uint8Array(16);
  writeFourCC(adtl, 0, 'adtl');
  writeFourCC(adtl, 4, 'labl');
  setU32(adtl, 8, 4);
  adtl.set(text('cue\0'), 12);
  return wave([
    { id: 'JUNK', body: new Uint8Array(28) },
    { id: 'fmt ', body: rawFmt() },
    { id: 'abcd', body: text('odd') }, // 3 bytes: followed by a pad byte
    { id: 'LIST', body: adtl },
    { id: 'data', body: pcm16(201) },
    { id: 'zzz1', body: text('trailing chunk, 31 bytes long..') }, // odd again, padded
    { id: 'cue ', body: new Uint8Array(4) },
  ]);
}

function main(): void {
  const root = process.argv[2] ?? '.';
  const badDir = join(root, 'tests/fixtures/bad/wav');
  const goodDir = join(root, 'tests/fixtures/good/wav');
  mkdirSync(badDir, { recursive: true });
  mkdirSync(goodDir, { recursive: true });
  const bad: Record<string, Uint8Array> = {
    'empty.wav': new Uint8Array(0),
    'not-riff.wav': text('ID3\u0003 this is an MP3 tag, not a WAV file\n'),
    'riff-not-wave.wav': buildRiff('AVI ', [{ id: 'avih', body: new Uint8Array(56) }]),
    'truncated-header.wav': goodFile.slice(0, 30),
    'no-fmt.wav': wave([{ id: 'data', body: pcm16(100) }]),
    'no-data.wav': wave([{ id: 'fmt ', body: rawFmt() }, { id: 'JUNK', body: new Uint8Array(8) }]),
    'fmt-too-short.wav': wave([{ id: 'fmt ', body: rawFmt().slice(0, 12) }, { id: 'data', body: pcm16(100) }]),
    'data-size-absurd.wav': dataSizeAbsurd(),
    'unknown-format-adpcm.wav': wave([
      { id: 'fmt ', body: rawFmt({ code: 2, bits: 4, blockAlign: 256 }) },
      { id: 'data', body: new Uint8Array(512) },
    ]),
    'zero-channels.wav': wave([{ id: 'fmt ', body: rawFmt({ channels: 0, blockAlign: 2 }) }, { id: 'data', body: pcm16(100) }]),
    'absurd-rate.wav': wave([{ id: 'fmt ', body: rawFmt({ sampleRate: 1_000_000_000 }) }, { id: 'data', body: pcm16(100) }]),
    'nan-samples.wav': wave([{ id: 'fmt ', body: rawFmt({ code: 3, bits: 32 }) }, { id: 'data', body: float32With(800, 400, NaN) }]),
    'inf-samples.wav': wave([{ id: 'fmt ', body: rawFmt({ code: 3, bits: 32 }) }, { id: 'data', body: float32With(800, 600, -Infinity) }]),
    'block-align-mismatch.wav': wave([{ id: 'fmt ', body: rawFmt({ channels: 2, blockAlign: 2 }) }, { id: 'data', body: pcm16(100) }]),
  };
  const good: Record<string, Uint8Array> = {
    'with-unknown-chunks.wav': withUnknownChunks(),
    'streamed-size-unknown.wav': streamedSizeUnknown(),
  };
  for (const [name, bytes] of Object.entries(bad)) writeFileSync(join(badDir, name), bytes);
  for (const [name, bytes] of Object.entries(good)) writeFileSync(join(goodDir, name), bytes);
  console.log(`wrote ${Object.keys(bad).length} files to ${badDir} and ${Object.keys(good).length} to ${goodDir}`);
}

main();
