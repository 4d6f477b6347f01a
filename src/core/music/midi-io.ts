/**
 * Standard MIDI File ↔ Song. Reading checks the container first (midi-container.ts), then lets
 * @tonejs/midi parse events and pair note-ons with note-offs, then checks the Song it built.
 */
import { AleaError, badInput, isAleaError } from '../errors.ts';
import { provenanceFromText, type Provenance } from '../provenance.ts';
import { sharpsToKey } from './key.ts';
import { checkMidiContainer } from './midi-container.ts';
import { parseMidiFile, type ParsedMidi, type ParsedTrack } from './midi-parse.ts';
import { fromMidiText } from './midi-text.ts';
import { PROVENANCE_PREFIX } from './midi-write.ts';
import { DRUM_CHANNEL, sortNotes } from './song.ts';
import { DEFAULT_BPM } from './tempo-map.ts';
import type { KeySignatureChange, Mode, Note, Song, TempoChange, TimeSignatureChange, Track } from './types.ts';
import { validateSong } from './validate-song.ts';

export { PROVENANCE_PREFIX, writeMidi } from './midi-write.ts';

/** What the reader takes from a parsed file (see midi-parse.ts). */
type Midi = ParsedMidi;

/** Key names @tonejs/midi reports, indexed by sharps + 7 (the MIDI key-signature byte). */
const TONEJS_KEY_NAMES = ['Cb', 'Gb', 'Db', 'Ab', 'Eb', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#'];

/**
 * MIDI stores whole microseconds per quarter note, so 132.5 bpm comes back as 132.50006...
 * This returns the simplest bpm (fewest decimals, up to 3) that stores the same microseconds.
 */
export function bpmFromMicroseconds(microsecondsPerBeat: number): number {
  const exact = 60_000_000 / microsecondsPerBeat;
  for (let decimals = 0; decimals <= 3; decimals++) {
    const scale = 10 ** decimals;
    const candidate = Math.round(exact * scale) / scale;
    if (Math.round(60_000_000 / candidate) === microsecondsPerBeat) return candidate;
  }
  return exact;
}

/** Sorted by tick, the later of two changes at one tick wins, a default at tick 0. */
function changesFromTick0<T extends { tick: number }>(changes: T[], fallback: T): T[] {
  const byTick = new Map<number, T>();
  for (const change of [...changes].sort((a, b) => a.tick - b.tick)) byTick.set(change.tick, change);
  const sorted = [...byTick.values()];
  if (sorted.length === 0 || sorted[0].tick > 0) sorted.unshift(fallback);
  return sorted;
}

function readTempos(midi: Midi): TempoChange[] {
  const tempos = midi.header.tempos.map((t) => ({
    tick: t.ticks,
    bpm: bpmFromMicroseconds(Math.round(60_000_000 / t.bpm)),
  }));
  return changesFromTick0(tempos, { tick: 0, bpm: DEFAULT_BPM });
}

function readTimeSignatures(midi: Midi): TimeSignatureChange[] {
  const signatures = midi.header.timeSignatures.map((t) => ({
    tick: t.ticks,
    numerator: t.timeSignature[0],
    denominator: t.timeSignature[1],
  }));
  return changesFromTick0(signatures, { tick: 0, numerator: 4, denominator: 4 });
}

function readKeySignatures(midi: Midi): KeySignatureChange[] {
  // Format 1 files often repeat the key in every track: one change per tick (the last) is kept.
  const byTick = new Map<number, KeySignatureChange>();
  for (const k of [...midi.header.keySignatures].sort((a, b) => a.ticks - b.ticks)) {
    const sharps = TONEJS_KEY_NAMES.indexOf(k.key) - 7;
    // A key byte outside -7..7 has no name: such a signature says nothing usable.
    if (sharps < -7) continue;
    const mode: Mode = k.scale === 'minor' ? 'minor' : 'major';
    byTick.set(k.ticks, { tick: k.ticks, ...sharpsToKey(sharps, mode) });
  }
  return [...byTick.values()];
}

function readTrack(track: ParsedTrack, channelHint: number | undefined): Track {
  const channel = track.notes.length > 0 ? track.channel : (channelHint ?? 0);
  const notes: Note[] = track.notes.map((n) => ({
    pitch: n.midi,
    // @tonejs/midi divides the 1..127 byte by 127; rounding undoes it exactly.
    velocity: Math.min(127, Math.max(1, Math.round(n.velocity * 127))),
    startTick: n.ticks,
    // A note-on and note-off at the same tick would be a zero-length note: keep it one tick long.
    endTick: n.ticks + Math.max(1, n.durationTicks),
  }));
  return {
    name: fromMidiText(track.name),
    channel,
    program: track.program,
    isDrum: channel === DRUM_CHANNEL,
    notes: sortNotes(notes),
  };
}

/** The container's per-track channels lined up with @tonejs/midi's tracks ([] if they cannot be). */
function alignChannelHints(hints: Array<number | undefined>, trackCount: number): Array<number | undefined> {
  // @tonejs/midi drops the first track of a format 1 file when it has no notes (the conductor).
  if (hints.length === trackCount + 1) return hints.slice(1);
  return hints.length === trackCount ? hints : [];
}

function baseName(fileName: string | undefined): string {
  if (fileName === undefined) return '';
  const last = fileName.split(/[\\/]/).pop() ?? '';
  return last.replace(/\.(mid|midi|smf|kar)$/i, '');
}

function parseWithLibrary(cleanBytes: Uint8Array): Midi {
  try {
    return parseMidiFile(cleanBytes);
  } catch (error) {
    // midi-file throws bare strings ("Running status byte encountered before status byte").
    const detail = error instanceof Error ? error.message : String(error);
    const line = detail.split('\n')[0].slice(0, 140);
    throw badInput(`the MIDI track data is corrupt (${line})`);
  }
}

/**
 * Reads a Standard MIDI File. Tracks are split by channel and program the way @tonejs/midi does;
 * a file without notes is returned as is (callers decide whether that is an error).
 * Throws AleaError('bad-input') with one line saying what is wrong (and naming `fileName`).
 */
export function readMidi(bytes: Uint8Array, fileName?: string): Song {
  try {
    const container = checkMidiContainer(bytes);
    const midi = parseWithLibrary(container.cleanBytes);
    const channelHints = alignChannelHints(container.splitTrackChannels, midi.tracks.length);
    const song: Song = {
      name: fromMidiText(midi.header.name) || baseName(fileName),
      ppq: container.ppq,
      tracks: midi.tracks.map((track, i) => readTrack(track, channelHints[i])),
      tempos: readTempos(midi),
      timeSignatures: readTimeSignatures(midi),
      keySignatures: readKeySignatures(midi),
      texts: midi.header.meta.filter((m) => m.type === 'text').map((m) => fromMidiText(m.text)),
    };
    validateSong(song);
    return song;
  } catch (error) {
    const aleaError = isAleaError(error) ? error : badInput(`the MIDI file could not be read (${String(error).split('\n')[0].slice(0, 140)})`);
    return rethrowInFile(aleaError, fileName);
  }
}

function rethrowInFile(error: AleaError, fileName: string | undefined): never {
  throw fileName === undefined || error.file !== undefined ? error : error.inFile(fileName);
}

/** The provenance a song's texts carry (the last one, if several), else undefined. */
export function songProvenance(song: Song): Provenance | undefined {
  const text = song.texts.filter((t) => t.startsWith(PROVENANCE_PREFIX)).pop();
  return text === undefined ? undefined : provenanceFromText(text.slice(PROVENANCE_PREFIX.length));
}

/** Reads only what is needed to report how a MIDI file was made. */
export function readMidiProvenance(bytes: Uint8Array, fileName?: string): Provenance | undefined {
  return songProvenance(readMidi(bytes, fileName));
}
