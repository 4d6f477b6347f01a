import type { Note, Song, TempoChange, TimeSignatureChange, Track } from '../../../core/music/types.ts';
import {
  DURATIONS_16THS, MAX_POSITIONS, ROLE_PROGRAMS, TEMPOS, TIME_SIGNATURES, TRACK_ROLES, VELOCITIES, barSixteenths,
  type RemiTokenizerConfig,
} from './remi-vocab.ts';
import type { Vocab } from './vocab.ts';

export const DECODED_PPQ = 480;
const SIXTEENTH = DECODED_PPQ / 4;
/** velocity of a note whose track has had no Velocity token yet in the bar */
const DEFAULT_VELOCITY = 5;

export interface RemiDecoded {
  song: Song;
  /** start tick of every decoded bar, in order */
  barTicks: number[];
  /** tick where the last decoded bar ends */
  endTick: number;
}

/** An empty track of a role, as the decoder writes it. */
export function trackForRole(role: number): Track {
  return { name: TRACK_ROLES[role], channel: role, program: ROLE_PROGRAMS[role], isDrum: false, notes: [] };
}

/**
 * REMI ids → Song (ppq 480). Accepts any id sequence: events out of place are skipped (a Pitch
 * not followed by a Duration, a Position that goes back in time or past the bar, a TimeSig or
 * Tempo after the bar's first Position), so every output is a valid song. A note that would
 * overlap the next note of the same pitch on its track is cut where the next one starts.
 */
export function decodeRemi(ids: readonly number[], config: RemiTokenizerConfig, vocab: Vocab): RemiDecoded {
  const tempos: TempoChange[] = [];
  const timeSignatures: TimeSignatureChange[] = [];
  const notesByRole = new Map<number, Note[]>();
  const barTicks: number[] = [];
  let barStart = 0; // 16ths
  let barLength = 16;
  let inBar = false;
  let position: number | null = null; // null: no valid Position yet in this bar
  let headerOpen = false; // TimeSig/Tempo are read only before the bar's first Position
  let role = 0;
  let velocity = DEFAULT_VELOCITY;
  let pendingPitch: number | null = null;

  const startBar = (): void => {
    if (inBar) barStart += barLength;
    inBar = true;
    barTicks.push(barStart * SIXTEENTH);
    position = null;
    headerOpen = true;
    role = 0;
    velocity = DEFAULT_VELOCITY;
  };

  for (const id of ids) {
    const kind = vocab.kind(id);
    const index = vocab.indexOf(id);
    if (kind === 'EOS') break;
    if (kind !== 'Duration' && kind !== 'Pitch') pendingPitch = null;
    switch (kind) {
      case 'Bar':
        startBar();
        break;
      case 'TimeSig': {
        if (!inBar || !headerOpen) break;
        const [numerator, denominator] = TIME_SIGNATURES[index];
        barLength = Math.min(MAX_POSITIONS, barSixteenths(numerator, denominator));
        setAt(timeSignatures, { tick: barStart * SIXTEENTH, numerator, denominator }, (a, b) => a.numerator === b.numerator && a.denominator === b.denominator);
        break;
      }
      case 'Tempo':
        if (inBar && headerOpen) setAt(tempos, { tick: barStart * SIXTEENTH, bpm: TEMPOS[index] }, (a, b) => a.bpm === b.bpm);
        break;
      case 'Position':
        if (!inBar) startBar();
        headerOpen = false;
        position = index < barLength && (position === null || index >= position) ? index : null;
        break;
      case 'Track':
        role = index;
        velocity = DEFAULT_VELOCITY;
        break;
      case 'Velocity':
        velocity = index;
        break;
      case 'Pitch':
        pendingPitch = position === null ? null : config.minPitch + index;
        break;
      case 'Duration':
        if (pendingPitch !== null && position !== null) {
          const startTick = (barStart + position) * SIXTEENTH;
          const list = notesByRole.get(role) ?? [];
          list.push({ pitch: pendingPitch, velocity: VELOCITIES[velocity], startTick, endTick: startTick + DURATIONS_16THS[index] * SIXTEENTH });
          notesByRole.set(role, list);
        }
        pendingPitch = null;
        break;
      default:
        break;
    }
  }
  if (timeSignatures.length === 0 || timeSignatures[0].tick > 0) timeSignatures.unshift({ tick: 0, numerator: 4, denominator: 4 });
  if (tempos.length === 0 || tempos[0].tick > 0) tempos.unshift({ tick: 0, bpm: 120 });
  const tracks = [...notesByRole.keys()].sort((a, b) => a - b).map((r) => ({ ...trackForRole(r), notes: cleanNotes(notesByRole.get(r) ?? []) }));
  const song: Song = { name: '', ppq: DECODED_PPQ, tracks, tempos, timeSignatures, keySignatures: [], texts: [] };
  return { song, barTicks, endTick: inBar ? (barStart + barLength) * SIXTEENTH : 0 };
}

/** Appends a change at `event.tick`, replacing one already there, and drops it when it changes nothing. */
function setAt<T extends { tick: number }>(list: T[], event: T, same: (a: T, b: T) => boolean): void {
  if (list.length > 0 && list[list.length - 1].tick === event.tick) list.pop();
  if (list.length > 0 && same(list[list.length - 1], event)) return;
  list.push(event);
}

/** Sorted, one note per (start, pitch), and no two notes of a pitch sounding at once. */
function cleanNotes(notes: Note[]): Note[] {
  const sorted = [...notes].sort((a, b) => a.startTick - b.startTick || a.pitch - b.pitch);
  const out: Note[] = [];
  const lastByPitch = new Map<number, Note>();
  for (const note of sorted) {
    const prev = lastByPitch.get(note.pitch);
    if (prev !== undefined && prev.startTick === note.startTick) continue;
    if (prev !== undefined && prev.endTick > note.startTick) prev.endTick = note.startTick;
    const copy = { ...note };
    out.push(copy);
    lastByPitch.set(note.pitch, copy);
  }
  return out;
}
