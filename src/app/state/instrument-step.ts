/**
 * A choice of instrument as a step of the history. Instruments live beside the snapshots (kept
 * through other undos, like the mixer), so the snapshot before a choice carries the row's
 * instrument as it was; travelling to it puts that back, and the snapshot left behind carries
 * the instrument as it is then, so travelling the other way puts the choice back.
 */
import type { BuiltVoice } from '../worker/protocol.ts';

/** Row `trackId` plays `built` (null: its GM program's default). */
export interface InstrumentChange<V = BuiltVoice> {
  trackId: number;
  built: V | null;
}

/** `instruments` with row `trackId` playing `built` (null: its default); a new map, the old one untouched. */
export function withInstrument<V>(instruments: ReadonlyMap<number, V>, trackId: number, built: V | null): ReadonlyMap<number, V> {
  const next = new Map(instruments);
  if (built === null) next.delete(trackId);
  else next.set(trackId, built);
  return next;
}

/** Undo or redo of a step that carries `change`: the instruments to play, and the change that goes back. */
export function travelInstrument<V>(instruments: ReadonlyMap<number, V>, change: InstrumentChange<V>): { instruments: ReadonlyMap<number, V>; back: InstrumentChange<V> } {
  return {
    instruments: withInstrument(instruments, change.trackId, change.built),
    back: { trackId: change.trackId, built: instruments.get(change.trackId) ?? null },
  };
}
