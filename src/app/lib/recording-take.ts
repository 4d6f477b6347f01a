/**
 * A recorded take: note-ons and note-offs at transport seconds (computer keyboard or MIDI input)
 * turned into a track's notes on the song's tick grid, optionally quantized. Pure.
 */
import { quantizeNotes } from '../../core/music/quantize.ts';
import type { TempoMap } from '../../core/music/tempo-map.ts';
import type { Note } from '../../core/music/types.ts';

/** A key held from `startSeconds` to `endSeconds` (transport time), MIDI velocity 1..127. */
export interface HeldNote {
  pitch: number;
  velocity: number;
  startSeconds: number;
  endSeconds: number;
}

/** Collects note-ons and note-offs while recording; a key still down at the end is closed there. */
export class TakeRecorder {
  private readonly down = new Map<number, { velocity: number; startSeconds: number }>();
  private readonly done: HeldNote[] = [];

  noteOn(pitch: number, velocity: number, seconds: number): void {
    this.noteOff(pitch, seconds); // a repeated note-on ends the one before it
    this.down.set(pitch, { velocity: Math.min(127, Math.max(1, Math.round(velocity))), startSeconds: seconds });
  }

  noteOff(pitch: number, seconds: number): void {
    const held = this.down.get(pitch);
    if (held === undefined) return;
    this.down.delete(pitch);
    this.done.push({ pitch, velocity: held.velocity, startSeconds: held.startSeconds, endSeconds: Math.max(seconds, held.startSeconds) });
  }

  /** Every note of the take, keys still down ended at `seconds`. */
  finish(seconds: number): HeldNote[] {
    for (const pitch of [...this.down.keys()]) this.noteOff(pitch, seconds);
    return [...this.done].sort((a, b) => a.startSeconds - b.startSeconds || a.pitch - b.pitch);
  }
}

/**
 * The take as notes: times through the song's tempo map to ticks (rounded; every note at least
 * one tick long), then quantized to `stepsPerQuarter` when given (null: as played).
 */
export function takeToNotes(take: readonly HeldNote[], tempoMap: TempoMap, ppq: number, stepsPerQuarter: number | null): Note[] {
  const notes = take.map((held) => {
    const startTick = Math.max(0, Math.round(tempoMap.secondsToTick(held.startSeconds)));
    const endTick = Math.max(startTick + 1, Math.round(tempoMap.secondsToTick(held.endSeconds)));
    return { pitch: held.pitch, velocity: held.velocity, startTick, endTick };
  });
  if (stepsPerQuarter === null) return notes.sort((a, b) => a.startTick - b.startTick || a.pitch - b.pitch);
  return quantizeNotes(notes, ppq, { stepsPerQuarter });
}

/** `existing` with the take's notes merged in, sorted by start (the take adds, it never erases). */
export function mergeTake(existing: readonly Note[], take: readonly Note[]): Note[] {
  return [...existing, ...take].sort((a, b) => a.startTick - b.startTick || a.pitch - b.pitch);
}
