/**
 * Checks the chunk structure of a Standard MIDI File before any event is parsed.
 *
 * The parser underneath @tonejs/midi (midi-file) trusts the header: it reads past truncated
 * chunks, chokes on unknown chunk types and throws bare strings. Walking the chunks first lets
 * Alea name exactly what is wrong with a damaged file, in one line.
 */
import { badInput } from '../errors.ts';

/** Files above this size are refused before parsing (a song is kilobytes; 64 MiB is not MIDI). */
export const MAX_MIDI_BYTES = 64 * 1024 * 1024;

export interface MidiContainer {
  format: 0 | 1 | 2;
  /** ticks per quarter note */
  ppq: number;
  trackCount: number;
  /** MThd + the MTrk chunks only (unknown chunks and trailing bytes removed), ready to parse. */
  cleanBytes: Uint8Array;
  /**
   * The channel of each track @tonejs/midi will make, in its order (it splits a track per
   * channel and program); undefined for a track without channel events. @tonejs/midi takes a
   * track's channel from its notes only, so this is what keeps an empty drum track a drum track.
   */
  splitTrackChannels: Array<number | undefined>;
}

const HEADER_BYTES = 14;
const CHUNK_HEADER_BYTES = 8;

function chunkId(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}

function uint32(bytes: Uint8Array, offset: number): number {
  // `>>> 0` keeps lengths above 2^31 positive, so absurd lengths compare as the large numbers they are.
  return ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0;
}

function uint16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] << 8) | bytes[offset + 1];
}

function printable(id: string): string {
  return /^[\x20-\x7e]{4}$/.test(id) ? `'${id}'` : 'binary data';
}

function describeBytes(count: number): string {
  return count === 1 ? '1 byte' : `${count} bytes`;
}

/** Bytes of data after a channel status byte, by its high nibble (program change and channel pressure take 1). */
function channelDataLength(status: number): number {
  const kind = status & 0xf0;
  return kind === 0xc0 || kind === 0xd0 ? 1 : 2;
}

/**
 * Walks the events of one track chunk without decoding them: every event must fit inside the
 * chunk, and a data byte may only follow a channel status it can run on. midi-file misreads both
 * (it reads past the chunk, and its running-status check never fires), so they are caught here.
 */
function checkTrackEvents(bytes: Uint8Array, start: number, end: number, trackNumber: number): Array<number | undefined> {
  const where = (at: number): string => `track chunk ${trackNumber}, byte ${at - start}`;
  let at = start;
  let runningStatus = -1;
  let eventCount = 0;
  // Mirrors @tonejs/midi's splitTracks: one output track per (program, channel), first seen first.
  const programs = new Array<number>(16).fill(0);
  const splitKeys = new Map<string, number>();
  const noteChannelEvent = (status: number, dataAt: number): void => {
    const channel = status & 0x0f;
    if ((status & 0xf0) === 0xc0) programs[channel] = bytes[dataAt];
    const key = `${programs[channel]} ${channel}`;
    if (!splitKeys.has(key)) splitKeys.set(key, channel);
  };
  const readVarInt = (): number => {
    let value = 0;
    for (let count = 0; count < 4; count++) {
      if (at >= end) throw badInput(`${where(at)}: an event runs past the end of the track chunk`);
      const byte = bytes[at++];
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    throw badInput(`${where(at)}: a variable-length number is longer than 4 bytes`);
  };
  const skip = (count: number): void => {
    if (at + count > end) throw badInput(`${where(at)}: an event runs past the end of the track chunk`);
    at += count;
  };
  while (at < end) {
    eventCount += 1;
    readVarInt(); // delta time
    if (at >= end) throw badInput(`${where(at)}: the track chunk ends between a delta time and its event`);
    const eventStart = at;
    const status = bytes[at];
    if (status === 0xff) {
      at += 1;
      skip(1); // meta type
      skip(readVarInt());
    } else if (status === 0xf0 || status === 0xf7) {
      at += 1;
      skip(readVarInt());
    } else if (status >= 0xf0) {
      throw badInput(`${where(eventStart)}: system message 0x${status.toString(16)} cannot appear in a MIDI file`);
    } else if (status >= 0x80) {
      at += 1;
      runningStatus = status;
      skip(channelDataLength(status));
      noteChannelEvent(status, eventStart + 1);
    } else {
      if (runningStatus < 0) {
        const hex = status.toString(16).padStart(2, '0');
        throw badInput(`${where(eventStart)}: data byte 0x${hex} with no status byte before it (running status with nothing to run on)`);
      }
      skip(channelDataLength(runningStatus));
      noteChannelEvent(runningStatus, eventStart);
    }
  }
  if (eventCount === 0) return [];
  return splitKeys.size === 0 ? [undefined] : [...splitKeys.values()];
}

/** Validates the container and returns its header plus a copy safe to hand to the parser. */
export function checkMidiContainer(bytes: Uint8Array): MidiContainer {
  if (bytes.length === 0) throw badInput('the file is empty (0 bytes), not a MIDI file');
  if (bytes.length > MAX_MIDI_BYTES) {
    const mib = (bytes.length / (1024 * 1024)).toFixed(1);
    throw badInput(`the file is too large for a MIDI file (${mib} MiB; the limit is 64 MiB)`);
  }
  if (bytes.length < 4 || chunkId(bytes, 0) !== 'MThd') {
    const found = bytes.length < 4 ? `only ${describeBytes(bytes.length)}` : printable(chunkId(bytes, 0));
    throw badInput(`not a Standard MIDI File: it should start with 'MThd' but has ${found}`);
  }
  if (bytes.length < HEADER_BYTES) {
    throw badInput(`the MIDI header is truncated: the file has only ${describeBytes(bytes.length)}`);
  }
  const headerLength = uint32(bytes, 4);
  if (headerLength !== 6) {
    throw badInput(`the MIDI header chunk declares ${headerLength} bytes; it must be 6`);
  }
  const format = uint16(bytes, 8);
  if (format !== 0 && format !== 1 && format !== 2) {
    throw badInput(`unknown MIDI file format ${format} (only 0, 1 and 2 exist)`);
  }
  const declaredTracks = uint16(bytes, 10);
  const division = uint16(bytes, 12);
  if (division & 0x8000) {
    const fps = 0x100 - (division >> 8);
    throw badInput(
      `the file uses SMPTE time division (${fps} frames/s); Alea reads only files timed in ticks per quarter note`,
    );
  }
  if (division === 0) throw badInput('the MIDI header gives 0 ticks per quarter note');
  if (declaredTracks === 0) {
    const extra = bytes.length > HEADER_BYTES ? ` but ${describeBytes(bytes.length - HEADER_BYTES)} follow it` : '';
    throw badInput(`the MIDI header declares no tracks${extra}`);
  }

  const trackSpans: Array<[number, number]> = [];
  let offset = HEADER_BYTES;
  // Fewer than 8 trailing bytes cannot hold a chunk: some writers pad files, so they are ignored.
  while (bytes.length - offset >= CHUNK_HEADER_BYTES) {
    const id = chunkId(bytes, offset);
    const length = uint32(bytes, offset + 4);
    const remaining = bytes.length - offset - CHUNK_HEADER_BYTES;
    const isTrack = id === 'MTrk';
    const what = isTrack ? `track chunk ${trackSpans.length + 1}` : `chunk ${printable(id)}`;
    if (length > remaining) {
      throw badInput(
        `${what} is truncated or corrupt: it declares ${describeBytes(length)} but only ${describeBytes(remaining)} remain`,
      );
    }
    if (isTrack) trackSpans.push([offset, offset + CHUNK_HEADER_BYTES + length]);
    offset += CHUNK_HEADER_BYTES + length;
  }
  if (trackSpans.length !== declaredTracks) {
    throw badInput(
      `the MIDI header declares ${declaredTracks} track(s) but the file holds ${trackSpans.length} track chunk(s)`,
    );
  }
  if (format === 0 && declaredTracks !== 1) {
    throw badInput(`a format 0 MIDI file must hold exactly 1 track, this one declares ${declaredTracks}`);
  }
  if (format === 2 && declaredTracks > 1) {
    // Format 2 tracks are independent patterns played one after another, not parts of one song.
    throw badInput(`a format 2 MIDI file holds ${declaredTracks} independent sequences; Alea reads one song per file (save it as format 1, or one sequence per file)`);
  }

  const splitTrackChannels = trackSpans.flatMap(([start, end], i) =>
    checkTrackEvents(bytes, start + CHUNK_HEADER_BYTES, end, i + 1),
  );

  const total = HEADER_BYTES + trackSpans.reduce((sum, [start, end]) => sum + end - start, 0);
  const cleanBytes = new Uint8Array(total);
  cleanBytes.set(bytes.subarray(0, HEADER_BYTES), 0);
  let writeAt = HEADER_BYTES;
  for (const [start, end] of trackSpans) {
    cleanBytes.set(bytes.subarray(start, end), writeAt);
    writeAt += end - start;
  }
  return { format, ppq: division, trackCount: declaredTracks, cleanBytes, splitTrackChannels };
}
