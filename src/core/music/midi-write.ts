/**
 * Song → Standard MIDI File (format 1: a conductor track, then one track per Song track).
 *
 * @tonejs/midi's writer is not used: it writes key signatures wrongly (sharps + 14) and floors
 * velocities, so 1..127 would not survive a round trip. Bytes come from smf-encoder.ts.
 */
import { provenanceToText, type Provenance } from '../provenance.ts';
import { keyToSharps } from './key.ts';
import { DRUM_CHANNEL } from './song.ts';
import { META, TrackEncoder, encodeSmf } from './smf-encoder.ts';
import type { Song, Track } from './types.ts';
import { validateSong } from './validate-song.ts';

/** Text meta events that start with this carry a file's provenance. */
export const PROVENANCE_PREFIX = 'alea-provenance: ';

interface TimedEvent {
  tick: number;
  /** order among events at the same tick (names first, note-offs before note-ons) */
  rank: number;
  pitch: number;
  write: (encoder: TrackEncoder, tick: number) => void;
}

/** Writes the events sorted by (tick, rank, pitch, insertion order): deterministic. */
function encodeTrack(timed: TimedEvent[]): Uint8Array {
  const sorted = timed
    .map((t, sequence) => ({ ...t, sequence }))
    .sort((a, b) => a.tick - b.tick || a.rank - b.rank || a.pitch - b.pitch || a.sequence - b.sequence);
  const encoder = new TrackEncoder();
  for (const { tick, write } of sorted) write(encoder, tick);
  return encoder.finish();
}

function conductorTrack(song: Song, texts: readonly string[]): Uint8Array {
  const timed: TimedEvent[] = [{ tick: 0, rank: 0, pitch: 0, write: (e, t) => e.text(t, META.trackName, song.name) }];
  for (const text of texts) {
    timed.push({ tick: 0, rank: 1, pitch: 0, write: (e, t) => e.text(t, META.text, text) });
  }
  for (const tempo of song.tempos) {
    const micros = Math.min(0xffffff, Math.max(1, Math.round(60_000_000 / tempo.bpm)));
    const data = [micros >> 16, micros >> 8, micros].map((b) => b & 0xff);
    timed.push({ tick: tempo.tick, rank: 2, pitch: 0, write: (e, t) => e.meta(t, META.setTempo, data) });
  }
  for (const ts of song.timeSignatures) {
    // numerator, log2(denominator), 24 MIDI clocks per metronome click, 8 32nds per quarter.
    const data = [ts.numerator, Math.log2(ts.denominator), 24, 8];
    timed.push({ tick: ts.tick, rank: 3, pitch: 0, write: (e, t) => e.meta(t, META.timeSignature, data) });
  }
  for (const key of song.keySignatures) {
    const data = [keyToSharps(key) & 0xff, key.mode === 'major' ? 0 : 1];
    timed.push({ tick: key.tick, rank: 4, pitch: 0, write: (e, t) => e.meta(t, META.keySignature, data) });
  }
  return encodeTrack(timed);
}

function noteTrack(track: Track): Uint8Array {
  const channel = track.isDrum ? DRUM_CHANNEL : track.channel;
  const noteOn = 0x90 | channel;
  const timed: TimedEvent[] = [
    { tick: 0, rank: 0, pitch: 0, write: (e, t) => e.text(t, META.trackName, track.name) },
    { tick: 0, rank: 1, pitch: 0, write: (e, t) => e.channel(t, 0xc0 | channel, track.program) },
  ];
  for (const note of track.notes) {
    timed.push({ tick: note.startTick, rank: 3, pitch: note.pitch, write: (e, t) => e.channel(t, noteOn, note.pitch, note.velocity) });
    // Note-off as note-on with velocity 0 (keeps running status); at the tick where the same
    // pitch starts again it must come first (rank 2 < 3).
    timed.push({ tick: note.endTick, rank: 2, pitch: note.pitch, write: (e, t) => e.channel(t, noteOn, note.pitch, 0) });
  }
  return encodeTrack(timed);
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
  return encodeSmf(1, song.ppq, [conductorTrack(song, texts), ...song.tracks.map(noteTrack)]);
}
