/**
 * Notes played live (computer keyboard, MIDI input): each sounds from its note-on to its note-off
 * on the track it started on, and goes into the take while one records. Plain state, so the
 * page's events and the tests drive it alike.
 */
import { HeldKeys } from './computer-keyboard.ts';
import type { TakeRecorder } from './recording-take.ts';

/** Where live notes sound (the engine port's held notes) and the clock a take is timed by. */
export interface LiveOutput {
  /** velocity 0..1 */
  noteOn(trackIndex: number, pitch: number, velocity: number): void;
  noteOff(trackIndex: number, pitch: number): void;
  positionSeconds(): number;
}

export class LiveNotes {
  /** the take notes go into while recording (null: not recording) */
  take: TakeRecorder | null = null;
  private readonly keys = new HeldKeys();
  /** pitches sounding now, with the MIDI track each plays on (its note-off goes there) */
  private readonly sounding = new Map<number, number>();
  private readonly out: LiveOutput;

  constructor(out: LiveOutput) {
    this.out = out;
  }

  /** How many notes sound now. */
  get count(): number {
    return this.sounding.size;
  }

  /** A note-on (MIDI velocity 1..127) on MIDI track `trackIndex`; the same pitch still sounding ends first. */
  noteOn(trackIndex: number, pitch: number, velocity: number): void {
    this.end(pitch);
    this.sounding.set(pitch, trackIndex);
    this.out.noteOn(trackIndex, pitch, velocity / 127);
    this.take?.noteOn(pitch, velocity, this.out.positionSeconds());
  }

  /** A note-off (a key let go, MIDI note-off or note-on at velocity 0). */
  noteOff(pitch: number): void {
    this.end(pitch);
    this.take?.noteOff(pitch, this.out.positionSeconds());
  }

  /** A piano key down; false for its auto-repeat, which plays nothing new. */
  keyDown(code: string, trackIndex: number, pitch: number, velocity: number): boolean {
    if (!this.keys.press(code, pitch)) return false;
    this.noteOn(trackIndex, pitch, velocity);
    return true;
  }

  /** A piano key up: the note its press started ends. */
  keyUp(code: string): void {
    const pitch = this.keys.release(code);
    if (pitch !== null) this.noteOff(pitch);
  }

  /**
   * Ends every sounding note (the transport stopped, the track or its instrument changed). Keys
   * still down stay known, so their auto-repeat does not start them again.
   */
  silence(): void {
    for (const pitch of [...this.sounding.keys()]) this.noteOff(pitch);
  }

  /** The window lost focus: keys down now will never come up, so every note ends and every key is up. */
  releaseAll(): void {
    this.keys.releaseAll();
    this.silence();
  }

  private end(pitch: number): void {
    const trackIndex = this.sounding.get(pitch);
    if (trackIndex === undefined) return;
    this.sounding.delete(pitch);
    this.out.noteOff(trackIndex, pitch);
  }
}
