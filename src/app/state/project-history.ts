import type { Provenance } from '../../core/provenance.ts';
import type { Song } from '../../core/music/types.ts';
import type { InstrumentChange } from './instrument-step.ts';
import type { StripSettings, TrackState } from './track-state.svelte.ts';

/**
 * The project as Undo brings it back: the song and clips are immutable values, so a snapshot
 * shares them. Mixer settings live in mutable track rows, so they are copied; Undo uses them only
 * for rows that are gone by then (a track that is still there keeps its settings as they are).
 */
export interface ProjectSnapshot {
  song: Song;
  title: string;
  /** how the song was made, when it came from a generator (exports carry it) */
  provenance: Provenance | null;
  tracks: TrackState[];
  strips: StripSettings[];
  /** on the step a choice of instrument made: the row's instrument to put back (see instrument-step.ts) */
  instrument?: InstrumentChange;
}

export function takeSnapshot(song: Song, title: string, provenance: Provenance | null, tracks: TrackState[]): ProjectSnapshot {
  return { song, title, provenance, tracks: [...tracks], strips: tracks.map((t) => t.strip) };
}
