/**
 * RIFF container plumbing: walking the chunks of a file and assembling new ones.
 *
 * Written by hand (not with a WAV library) so that a broken file gets a precise one-line error
 * naming the chunk and byte at fault, and so that unknown chunks are skipped rather than refused.
 */
import { badInput } from '../errors.ts';

export interface RiffChunk {
  /** four-character code, e.g. "fmt ", "data", "LIST" */
  id: string;
  /** byte offset of the chunk's header in the file */
  headerOffset: number;
  /** size the header declares (may exceed what is present when `cutShort`) */
  declaredSize: number;
  /** the bytes present: a view, never a copy */
  body: Uint8Array;
  /** true when the declared size runs past the end of the file (always the last chunk) */
  cutShort: boolean;
}

export interface RiffWalk {
  form: string;
  /** size field of the RIFF header (bytes after the first 8) */
  riffSize: number;
  chunks: RiffChunk[];
  /** offset of a chunk header that was not text (the walk stopped there), if any */
  unreadableAt?: number;
}

const textDecoder = new TextDecoder('latin1');

export function readFourCC(bytes: Uint8Array, offset: number): string {
  return textDecoder.decode(bytes.subarray(offset, offset + 4));
}

function isFourCCText(bytes: Uint8Array, offset: number): boolean {
  for (let i = offset; i < offset + 4; i++) {
    const b = bytes[i];
    if (b < 0x20 || b > 0x7e) return false;
  }
  return true;
}

function readU32(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16)) + bytes[offset + 3] * 0x1000000;
}

/**
 * Walks every chunk of a RIFF file. Stops (without throwing) at a chunk whose declared size runs
 * past the end of the file, or at a header that is not text: the caller decides whether what came
 * before is enough. Throws only when the file is not RIFF at all. `formName` names the file
 * type in errors ("WAV" for form "WAVE").
 */
export function walkRiff(bytes: Uint8Array, expectedForm: string, formName = expectedForm): RiffWalk {
  if (bytes.byteLength === 0) throw badInput('file is empty (0 bytes)');
  if (bytes.byteLength >= 4) {
    const magic = readFourCC(bytes, 0);
    if (magic === 'RF64' || magic === 'BW64') {
      throw badInput(`${magic} files (WAV over 4 GB) are not supported; export as a standard WAV`);
    }
    if (magic === 'RIFX') throw badInput('big-endian RIFX files are not supported');
    if (magic !== 'RIFF') throw badInput(`not a ${formName} file (no RIFF header)`);
  }
  if (bytes.byteLength < 12) {
    throw badInput(`file is cut short: ${bytes.byteLength} bytes, a RIFF header needs 12`);
  }
  const form = readFourCC(bytes, 8);
  if (form !== expectedForm) {
    throw badInput(`RIFF file of type '${form.trim()}' is not a ${formName} file`);
  }
  const walk: RiffWalk = { form, riffSize: readU32(bytes, 4), chunks: [] };
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    if (!isFourCCText(bytes, offset)) {
      walk.unreadableAt = offset;
      break;
    }
    const id = readFourCC(bytes, offset);
    const declaredSize = readU32(bytes, offset + 4);
    const bodyStart = offset + 8;
    const cutShort = bodyStart + declaredSize > bytes.byteLength;
    const bodyEnd = cutShort ? bytes.byteLength : bodyStart + declaredSize;
    walk.chunks.push({ id, headerOffset: offset, declaredSize, body: bytes.subarray(bodyStart, bodyEnd), cutShort });
    if (cutShort) break;
    // Chunks are word-aligned: an odd-sized body is followed by one pad byte.
    offset = bodyEnd + (declaredSize & 1);
  }
  return walk;
}

export interface ChunkToWrite {
  id: string;
  body: Uint8Array;
}

/** Assembles a RIFF file from chunks, adding pad bytes after odd-sized bodies. */
export function buildRiff(form: string, chunks: ChunkToWrite[]): Uint8Array {
  let total = 12;
  for (const chunk of chunks) total += 8 + chunk.body.byteLength + (chunk.body.byteLength & 1);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  writeFourCC(out, 0, 'RIFF');
  view.setUint32(4, total - 8, true);
  writeFourCC(out, 8, form);
  let offset = 12;
  for (const chunk of chunks) {
    writeFourCC(out, offset, chunk.id);
    view.setUint32(offset + 4, chunk.body.byteLength, true);
    out.set(chunk.body, offset + 8);
    offset += 8 + chunk.body.byteLength + (chunk.body.byteLength & 1);
  }
  return out;
}

export function writeFourCC(out: Uint8Array, offset: number, id: string): void {
  if (id.length !== 4) throw new RangeError(`chunk id must be 4 characters: '${id}'`);
  for (let i = 0; i < 4; i++) out[offset + i] = id.charCodeAt(i) & 0xff;
}
