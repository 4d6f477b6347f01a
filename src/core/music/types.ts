/**
 * Alea's music model. Times are stored in ticks (exact, what MIDI stores); seconds come from the
 * song's tempo map (see tempo-map.ts), so the two can never disagree.
 */
export interface Note {
  /** MIDI pitch 0..127 */
  pitch: number;
  /** MIDI velocity 1..127 */
  velocity: number;
  startTick: number;
  /** exclusive; always > startTick */
  endTick: number;
}

export interface Track {
  name: string;
  /** MIDI channel 0..15 (9 is the GM drum channel) */
  channel: number;
  /** General MIDI program 0..127 */
  program: number;
  isDrum: boolean;
  /** sorted by startTick, then pitch */
  notes: Note[];
}

export interface TempoChange {
  tick: number;
  bpm: number;
}

export interface TimeSignatureChange {
  tick: number;
  numerator: number;
  denominator: number;
}

export type Mode = 'major' | 'minor';

export interface KeySignatureChange {
  tick: number;
  /** pitch class of the tonic, 0 = C .. 11 = B */
  tonic: number;
  mode: Mode;
}

export interface Song {
  name: string;
  /** ticks per quarter note */
  ppq: number;
  tracks: Track[];
  /** sorted by tick; the first is at tick 0 (120 bpm when the file has none) */
  tempos: TempoChange[];
  /** sorted by tick; the first is at tick 0 (4/4 when the file has none) */
  timeSignatures: TimeSignatureChange[];
  keySignatures: KeySignatureChange[];
  /** text meta events found in / to be written to the file (provenance lives here) */
  texts: string[];
}
