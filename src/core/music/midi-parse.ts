/**
 * The MIDI events @tonejs/midi would read, paired into notes in O(n log n).
 *
 * @tonejs/midi pairs each note-on with its note-off by `shift()`ing and `splice()`ing whole
 * arrays, which is quadratic in a track's notes: `alea info` took 53 s on 200k notes. This
 * module does what its Midi constructor does (same parser, same track split, same header) with
 * the same pairing rule made linear: a note-on takes the first unused note-off of its pitch at
 * or after it, in file order.
 */
import * as midiFileModule from 'midi-file';
import type { MidiData, MidiEvent } from 'midi-file';
import * as toneMidiModule from '@tonejs/midi';

/** Both packages ship CommonJS: Node's ESM loader exposes them as `default`, bundlers directly. */
function interop<T extends object>(module: T): T {
  const loaded = module as T & { default?: T };
  return loaded.default !== undefined && typeof loaded.default === 'object' ? loaded.default : module;
}
const { parseMidi } = interop(midiFileModule);
const { Header } = interop(toneMidiModule);
export type MidiHeaderInfo = InstanceType<typeof Header>;

type TimedEvent = MidiEvent & { absoluteTime: number };

export interface ParsedNote {
  midi: number;
  /** 0..1, the byte divided by 127 as @tonejs/midi reports it */
  velocity: number;
  ticks: number;
  durationTicks: number;
}

export interface ParsedTrack {
  name: string;
  /** the channel of its last note (0 when it has none), as @tonejs/midi sets it */
  channel: number;
  program: number;
  /** sorted by ticks; equal ticks keep note-on order */
  notes: ParsedNote[];
}

export interface ParsedMidi {
  header: MidiHeaderInfo;
  tracks: ParsedTrack[];
}

/** One track per (program, channel), first seen first: @tonejs/midi's splitTracks. */
function splitTracks(tracks: TimedEvent[][]): TimedEvent[][] {
  const out: TimedEvent[][] = [];
  for (const events of tracks) {
    const defaultTrack = out.length;
    const trackMap = new Map<string, number>();
    const currentProgram = new Array<number>(16).fill(0);
    for (const event of events) {
      let target = defaultTrack;
      const channel = 'channel' in event ? event.channel : undefined;
      if (channel !== undefined) {
        if (event.type === 'programChange') currentProgram[channel] = event.programNumber;
        const key = `${currentProgram[channel]} ${channel}`;
        const known = trackMap.get(key);
        if (known === undefined) {
          target = defaultTrack + trackMap.size;
          trackMap.set(key, target);
        } else {
          target = known;
        }
      }
      if (out[target] === undefined) out.push([]);
      out[target].push(event);
    }
  }
  return out;
}

function readTrack(events: TimedEvent[]): ParsedTrack {
  let name: string | undefined;
  let program: number | undefined;
  let channel = 0;
  // Note-offs by pitch, in file order (so also in time order), with a read position each.
  const offs = new Map<number, { events: TimedEvent[]; next: number }>();
  for (const event of events) {
    if (event.type === 'trackName' && name === undefined) {
      name = event.text;
    } else if (event.type === 'programChange' && program === undefined) {
      program = event.programNumber;
    } else if (event.type === 'noteOff') {
      const list = offs.get(event.noteNumber) ?? { events: [], next: 0 };
      list.events.push(event);
      offs.set(event.noteNumber, list);
    }
  }
  const notes: ParsedNote[] = [];
  for (const on of events) {
    if (on.type !== 'noteOn') continue;
    channel = on.channel;
    const list = offs.get(on.noteNumber);
    if (list === undefined) continue;
    // Offs before this note-on can match no later note-on either (note-ons come in time order).
    while (list.next < list.events.length && list.events[list.next].absoluteTime < on.absoluteTime) list.next++;
    if (list.next >= list.events.length) continue;
    const off = list.events[list.next++];
    notes.push({ midi: on.noteNumber, velocity: on.velocity / 127, ticks: on.absoluteTime, durationTicks: off.absoluteTime - on.absoluteTime });
  }
  // Stable, as @tonejs/midi's binary-search insert is for equal ticks.
  notes.sort((a, b) => a.ticks - b.ticks);
  return { name: name ?? '', channel, program: program ?? 0, notes };
}

/** Parses MIDI bytes (already checked by checkMidiContainer) the way `new Midi(bytes)` does. */
export function parseMidiFile(bytes: Uint8Array): ParsedMidi {
  const data: MidiData = parseMidi(bytes);
  const timed = data.tracks.map((track) => {
    let ticks = 0;
    return track.map((event) => {
      ticks += event.deltaTime;
      return Object.assign(event, { absoluteTime: ticks });
    });
  });
  data.tracks = splitTracks(timed);
  const header = new Header(data);
  const tracks = data.tracks.map((events) => readTrack(events as TimedEvent[]));
  // Format 1: a first track without sounding notes is the conductor track, and is dropped.
  const first = tracks[0];
  if (data.header.format === 1 && first !== undefined && first.notes.every((n) => n.ticks + n.durationTicks === 0)) tracks.shift();
  return { header, tracks };
}
