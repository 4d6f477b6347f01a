/** What the Tone.js playback graph needs from an instrument: play notes, silence, dispose. */
import type * as Tone from 'tone';
import type { NoteEvent } from '../note-events.ts';

export interface ToneInstrument {
  /** connect this to the track's mixer channel */
  readonly output: Tone.ToneAudioNode;
  /** schedules one note at AudioContext time `time` */
  play(event: NoteEvent, time: number): void;
  /** stops every sounding note now (transport stop, loop jump) */
  releaseAll(): void;
  dispose(): void;
}
