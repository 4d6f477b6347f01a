import type { Song, TempoChange, TimeSignatureChange } from '../../../core/music/types.ts';
import {
  MAX_POSITIONS, TIME_SIGNATURES, barSixteenths, durationBucket, foldPitch, tempoBucket, timeSignatureIndex,
  velocityBucket, type RemiTokenizerConfig,
} from './remi-vocab.ts';
import { assignRoles, selectTracks, type TrackSelection } from './track-selection.ts';
import type { Vocab } from './vocab.ts';

/**
 * Song → REMI ids. Layout: BOS, then per bar: Bar [TimeSig] [Tempo], then per onset position:
 * Position, then its notes ordered by track role and pitch, each `[Track] [Velocity] Pitch
 * Duration`. Track is written when it differs from the previous note's (and once per bar),
 * Velocity when it differs from the previous note's of that track; both states reset at every
 * Bar, so each bar reads on its own (a window may start at any bar). TimeSig and Tempo are
 * written at the first bar and where they change. Ends with EOS.
 *
 * What survives encode → decode exactly (anything else comes back quantized to this):
 * - notes on the 16th grid, with bucket velocities and durations, pitches in range, one note per
 *   (onset, track role, pitch) and no two notes of a pitch sounding at once on a track;
 * - meters from TIME_SIGNATURES changing on bar lines (a change inside a bar takes effect at the
 *   next bar line);
 * - bucket tempos (TEMPOS) changing on bar lines: a bar has the tempo in effect at its first
 *   16th, so a change inside a bar moves to the next bar line and only the last of several
 *   changes in a bar is kept;
 * - only bars up to the one with the last note onset (or `minBars`, if more) are written, so a
 *   meter or tempo change after that bar is not kept, even while a note still sounds there.
 */

interface GridNote {
  onset: number; // in 16ths from the song start
  length: number; // duration bucket index
  role: number;
  pitch: number;
  velocity: number; // velocity bucket index
}

export interface BarPlan {
  start: number; // in 16ths
  length: number; // in 16ths
  timeSig: number; // TIME_SIGNATURES index
  tempo: number; // TEMPOS index
}

function lastAtOrBefore<T extends { tick: number }>(events: readonly T[], tick: number): T | undefined {
  let found: T | undefined;
  for (const e of events) {
    if (e.tick <= tick) found = e;
    else break;
  }
  return found;
}

/**
 * Bars of a song on the 16th grid, up to `untilSixteenth` (exclusive). A time-signature change
 * takes effect at the first bar line at or after it; the tempo of a bar is the one in effect at
 * its first 16th.
 */
export function planBars(
  ppq: number,
  timeSignatures: readonly TimeSignatureChange[],
  tempos: readonly TempoChange[],
  untilSixteenth: number,
  minBars = 0,
): BarPlan[] {
  const sixteenth = ppq / 4;
  const sortedTs = [...timeSignatures].sort((a, b) => a.tick - b.tick);
  const sortedTempos = [...tempos].sort((a, b) => a.tick - b.tick);
  const bars: BarPlan[] = [];
  let start = 0;
  while (start < untilSixteenth || bars.length < minBars) {
    const ts = lastAtOrBefore(sortedTs, Math.round(start * sixteenth + sixteenth / 2));
    const timeSig = ts === undefined ? 0 : timeSignatureIndex(ts.numerator, ts.denominator);
    const [n, d] = TIME_SIGNATURES[timeSig];
    const length = Math.min(MAX_POSITIONS, barSixteenths(n, d));
    const tempoEvent = lastAtOrBefore(sortedTempos, Math.round(start * sixteenth + sixteenth / 2));
    bars.push({ start, length, timeSig, tempo: tempoBucket(tempoEvent?.bpm ?? 120) });
    start += length;
  }
  return bars;
}

function gridNotes(song: Song, selection: TrackSelection, config: RemiTokenizerConfig): GridNote[] {
  const tracks = selectTracks(song, selection);
  const roles = assignRoles(tracks);
  const sixteenth = song.ppq / 4;
  // One note per (onset, role, pitch): a duplicate keeps the longest.
  const byKey = new Map<string, GridNote>();
  tracks.forEach((track, t) => {
    for (const note of track.notes) {
      const onset = Math.max(0, Math.round(note.startTick / sixteenth));
      const sixteenths = Math.max(1, Math.round((note.endTick - note.startTick) / sixteenth));
      const g: GridNote = {
        onset,
        length: durationBucket(sixteenths),
        role: roles[t],
        pitch: foldPitch(note.pitch, config.minPitch, config.maxPitch),
        velocity: velocityBucket(note.velocity),
      };
      const key = `${g.onset}:${g.role}:${g.pitch}`;
      const old = byKey.get(key);
      if (old === undefined || old.length < g.length) byKey.set(key, g);
    }
  });
  return [...byKey.values()].sort((a, b) => a.onset - b.onset || a.role - b.role || a.pitch - b.pitch);
}

export function encodeRemi(
  song: Song,
  selection: TrackSelection,
  config: RemiTokenizerConfig,
  vocab: Vocab,
  options: { minBars?: number } = {},
): number[] {
  const notes = gridNotes(song, selection, config);
  const lastOnset = notes.length > 0 ? notes[notes.length - 1].onset : -1;
  const bars = planBars(song.ppq, song.timeSignatures, song.tempos, lastOnset + 1, options.minBars ?? 0);
  const ids: number[] = [vocab.id('BOS')];
  let n = 0;
  let prevTimeSig = -1;
  let prevTempo = -1;
  for (const bar of bars) {
    ids.push(vocab.id('Bar'));
    if (bar.timeSig !== prevTimeSig) ids.push(vocab.id('TimeSig', bar.timeSig));
    if (bar.tempo !== prevTempo) ids.push(vocab.id('Tempo', bar.tempo));
    prevTimeSig = bar.timeSig;
    prevTempo = bar.tempo;
    let role = -1;
    let velocity = -1;
    let position = -1;
    while (n < notes.length && notes[n].onset < bar.start + bar.length) {
      const note = notes[n++];
      const pos = note.onset - bar.start;
      if (pos !== position) ids.push(vocab.id('Position', pos));
      position = pos;
      if (note.role !== role) {
        ids.push(vocab.id('Track', note.role));
        velocity = -1;
      }
      role = note.role;
      if (note.velocity !== velocity) ids.push(vocab.id('Velocity', note.velocity));
      velocity = note.velocity;
      ids.push(vocab.id('Pitch', note.pitch - config.minPitch), vocab.id('Duration', note.length));
    }
  }
  ids.push(vocab.id('EOS'));
  return ids;
}
