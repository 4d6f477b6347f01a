/** What the Tone.js playback graph needs from an instrument: play notes (scheduled or held), silence, dispose. */
import type * as Tone from 'tone';
import type { NoteEvent } from '../note-events.ts';

export interface ToneInstrument {
  /** connect this to the track's mixer channel */
  readonly output: Tone.ToneAudioNode;
  /** schedules one note at AudioContext time `time` */
  play(event: NoteEvent, time: number): void;
  /** starts a note held until `noteOff` (a key played live), velocity 0..1 */
  noteOn(pitch: number, velocity: number, time: number): void;
  /** lets go of a held note: it fades with the voice's release */
  noteOff(pitch: number, time: number): void;
  /** stops every sounding note now (transport stop, loop jump) */
  releaseAll(): void;
  dispose(): void;
}
