/** Schedules one track's notes on a Tone.Part that plays them through the track's instrument. */
import * as Tone from 'tone';
import type { NoteEvent } from '../note-events.ts';
import type { ToneInstrument } from './tone-instrument.ts';

export class TrackPlayer {
  readonly part: Tone.Part<NoteEvent>;
  readonly instrument: ToneInstrument;

  /**
   * The Part converts event seconds to transport ticks at the transport's current bpm, so the
   * transport tempo must be set (Transport.setSong) before players are made.
   */
  constructor(events: readonly NoteEvent[], instrument: ToneInstrument) {
    this.instrument = instrument;
    this.part = new Tone.Part<NoteEvent>((time, event) => instrument.play(event, time), events.map((e) => ({ ...e })));
    this.part.start(0);
  }

  set mute(mute: boolean) {
    this.part.mute = mute;
  }

  get mute(): boolean {
    return this.part.mute;
  }

  /** Disposes the part (removing its transport events); the instrument belongs to the caller. */
  dispose(): void {
    this.part.dispose();
  }
}
