/**
 * Byte-level Standard MIDI File encoding: variable-length deltas, meta and channel events,
 * running status, chunks.
 *
 * Written here because the encoders on npm do not scale: midi-file (under @tonejs/midi) grows
 * its output with Array.concat on every multi-byte value, which took 26 s for a 20 000-note
 * track. This one appends to a doubling Uint8Array: linear time.
 */
import { toMidiText } from './midi-text.ts';

export const META = {
  text: 0x01,
  trackName: 0x03,
  endOfTrack: 0x2f,
  setTempo: 0x51,
  timeSignature: 0x58,
  keySignature: 0x59,
} as const;

class ByteSink {
  private buffer = new Uint8Array(256);
  length = 0;

  push(...values: number[]): void {
    this.reserve(values.length);
    for (const value of values) this.buffer[this.length++] = value & 0xff;
  }

  pushBytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  pushVarInt(value: number): void {
    // 7 bits per byte, most significant group first, continuation bit on all but the last.
    const groups = [value & 0x7f];
    for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128)) groups.push((rest & 0x7f) | 0x80);
    this.push(...groups.reverse());
  }

  pushUint32(value: number): void {
    this.push(value >>> 24, value >>> 16, value >>> 8, value);
  }

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}

/** Events of one track chunk, appended in time order with delta ticks. */
export class TrackEncoder {
  private readonly sink = new ByteSink();
  private lastTick = 0;
  private runningStatus = -1;

  private delta(tick: number): void {
    if (tick < this.lastTick) throw new Error(`events out of order: tick ${tick} after ${this.lastTick}`);
    this.sink.pushVarInt(tick - this.lastTick);
    this.lastTick = tick;
  }

  meta(tick: number, type: number, data: ArrayLike<number>): void {
    this.delta(tick);
    this.sink.push(0xff, type);
    this.sink.pushVarInt(data.length);
    this.sink.pushBytes(Uint8Array.from(data));
    // Meta events cancel running status (SMF 1.0), so the next channel event restates it.
    this.runningStatus = -1;
  }

  text(tick: number, type: number, text: string): void {
    const binary = toMidiText(text);
    this.meta(tick, type, Array.from(binary, (char) => char.charCodeAt(0)));
  }

  channel(tick: number, status: number, ...data: number[]): void {
    this.delta(tick);
    if (status !== this.runningStatus) this.sink.push(status);
    this.runningStatus = status;
    this.sink.push(...data);
  }

  /** The finished MTrk chunk (an end-of-track event is added at the last tick). */
  finish(): Uint8Array {
    this.meta(this.lastTick, META.endOfTrack, []);
    const chunk = new ByteSink();
    chunk.push(0x4d, 0x54, 0x72, 0x6b); // "MTrk"
    chunk.pushUint32(this.sink.length);
    chunk.pushBytes(this.sink.bytes());
    return chunk.bytes();
  }
}

/** A complete file: MThd (format, track count, ticks per quarter) then the track chunks. */
export function encodeSmf(format: 0 | 1, ppq: number, tracks: readonly Uint8Array[]): Uint8Array {
  const file = new ByteSink();
  file.push(0x4d, 0x54, 0x68, 0x64); // "MThd"
  file.pushUint32(6);
  file.push(0, format, tracks.length >> 8, tracks.length, ppq >> 8, ppq);
  for (const track of tracks) file.pushBytes(track);
  return file.bytes();
}
