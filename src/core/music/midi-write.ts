/**
 * Song → Standard MIDI File (format 1: a conductor track, then one track per Song track).
 *
 * Events are built here and encoded by midi-file, the encoder under @tonejs/midi. @tonejs/midi's
 * own writer is not used because it writes key signatures wrongly (sharps + 14) and floors
 * velocities, so 1..127 would not survive a round trip.
 */
import { writeMidi as encodeMidiData, type MidiEvent } from 'midi-file';
import { provenanceToText, type Provenance } from '../provenance.ts';
import { keyToSharps } from './key.ts';
import { toMidiText } from './midi-text.ts';
import { DRUM_CHANNEL } from './song.ts';
import type { Song, Track } from './types.ts';
import { validateSong } from './validate-song.ts';

/** Text meta events that start with this carry a file's provenance. */
export const PROVENANCE_PREFIX = 'alea-provenance: ';

interface TimedEvent {
  tick: number;
  /** order among events at the same tick (names first, note-offs before note-ons) */
  rank: number;
  pitch: number;
  event: MidiEvent;
}

/** Sorted, delta-timed events with an end-of-track at the last tick. */
function toTrackEvents(timed: TimedEvent[]): MidiEvent[] {
  const sorted = timed
    .map((t, sequence) => ({ ...t, sequence }))
    .sort((a, b) => a.tick - b.tick || a.rank - b.rank || a.pitch - b.pitch || a.sequence - b.sequence);
  let previousTick = 0;
  const events = sorted.map(({ tick, event }) => {
    const withDelta = { ...event, deltaTime: tick - previousTick };
    previousTick = tick;
    return withDelta;
  });
  events.push({ type: 'endOfTrack', meta: true, deltaTime: 0 });
  return events;
}

function conductorTrack(song: Song, texts: readonly string[]): MidiEvent[] {
  const timed: TimedEvent[] = [
    { tick: 0, rank: 0, pitch: 0, event: { type: 'trackName', meta: true, deltaTime: 0, text: toMidiText(song.name) } },
  ];
  for (const text of texts) {
    timed.push({ tick: 0, rank: 1, pitch: 0, event: { type: 'text', meta: true, deltaTime: 0, text: toMidiText(text) } });
  }
  for (const tempo of song.tempos) {
    const microsecondsPerBeat = Math.min(0xffffff, Math.max(1, Math.round(60_000_000 / tempo.bpm)));
    timed.push({ tick: tempo.tick, rank: 2, pitch: 0, event: { type: 'setTempo', meta: true, deltaTime: 0, microsecondsPerBeat } });
  }
  for (const ts of song.timeSignatures) {
    timed.push({
      tick: ts.tick,
      rank: 3,
      pitch: 0,
      event: {
        type: 'timeSignature', meta: true, deltaTime: 0,
        numerator: ts.numerator, denominator: ts.denominator, metronome: 24, thirtyseconds: 8,
      },
    });
  }
  for (const key of song.keySignatures) {
    timed.push({
      tick: key.tick,
      rank: 4,
      pitch: 0,
      event: { type: 'keySignature', meta: true, deltaTime: 0, key: keyToSharps(key), scale: key.mode === 'major' ? 0 : 1 },
    });
  }
  return toTrackEvents(timed);
}

function noteTrack(track: Track): MidiEvent[] {
  const channel = track.isDrum ? DRUM_CHANNEL : track.channel;
  const timed: TimedEvent[] = [
    { tick: 0, rank: 0, pitch: 0, event: { type: 'trackName', meta: true, deltaTime: 0, text: toMidiText(track.name) } },
    { tick: 0, rank: 1, pitch: 0, event: { type: 'programChange', deltaTime: 0, channel, programNumber: track.program } },
  ];
  for (const note of track.notes) {
    timed.push({
      tick: note.startTick,
      rank: 3,
      pitch: note.pitch,
      event: { type: 'noteOn', deltaTime: 0, channel, noteNumber: note.pitch, velocity: note.velocity },
    });
    // A note-off at the tick where the same pitch starts again must come first (rank 2 < 3).
    timed.push({
      tick: note.endTick,
      rank: 2,
      pitch: note.pitch,
      event: { type: 'noteOff', deltaTime: 0, channel, noteNumber: note.pitch, velocity: 0 },
    });
  }
  return toTrackEvents(timed);
}

/**
 * Encodes a song. Deterministic: the same song (and provenance) gives the same bytes. With a
 * provenance, any provenance text already in `song.texts` is replaced by the new one.
 * Throws AleaError('bad-input') naming the field when the song breaks its contract.
 */
export function writeMidi(song: Song, provenance?: Provenance): Uint8Array {
  validateSong(song);
  const texts =
    provenance === undefined
      ? song.texts
      : [...song.texts.filter((t) => !t.startsWith(PROVENANCE_PREFIX)), PROVENANCE_PREFIX + provenanceToText(provenance)];
  const tracks = [conductorTrack(song, texts), ...song.tracks.map(noteTrack)];
  const bytes = encodeMidiData(
    { header: { format: 1, numTracks: tracks.length, ticksPerBeat: song.ppq }, tracks },
    // Running status and note-on velocity 0 as note-off: the compact form every reader accepts.
    { running: true, useByte9ForNoteOff: true },
  );
  return Uint8Array.from(bytes);
}
