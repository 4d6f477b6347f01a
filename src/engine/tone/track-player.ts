/** Schedules one track's notes on a Tone.Part that plays them through the track's instrument. */
import * as Tone from 'tone';
import type { NoteEvent } from '../note-events.ts';
import { noPause, type Pause } from '../task-steps.ts';
import type { ToneInstrument } from './tone-instrument.ts';

export class TrackPlayer {
  readonly part: Tone.Part<NoteEvent>;
  readonly instrument: ToneInstrument;

  /**
   * The Part converts event seconds to transport ticks at the transport's current bpm, so the
   * transport tempo must be set (Transport.setSong) before players are made.
   */
  private constructor(instrument: ToneInstrument) {
    this.instrument = instrument;
    this.part = new Tone.Part<NoteEvent>((time, event) => instrument.play(event, time));
    this.part.start(0);
  }

  /**
   * A player of `events`, added to its started part with `pause` between them (a long track's
   * notes took 50+ ms to schedule at once); the part plays them as if it had been made with them.
   */
  static async create(events: readonly NoteEvent[], instrument: ToneInstrument, pause: Pause = noPause): Promise<TrackPlayer> {
    const player = new TrackPlayer(instrument);
    for (const event of events) {
      player.part.add({ ...event });
      await pause();
    }
    return player;
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
