/**
 * Plays single notes of one instrument voice now, outside any project: a panel's audition button
 * and the computer keyboard. Same Tone instrument as a track's, straight to the speakers.
 */
import * as Tone from 'tone';
import type { InstrumentVoice } from '../../plugins/types.ts';
import { playableVoice } from '../instruments/resolve-voice.ts';
import { createToneInstrument } from './create-instrument.ts';
import type { ToneInstrument } from './tone-instrument.ts';

export class LiveKeys {
  private instrument: ToneInstrument | null = null;

  /** Replaces the voice the keys play (notes still sounding stop). */
  setVoice(voice: InstrumentVoice | null): void {
    this.instrument?.dispose();
    this.instrument = null;
    if (voice === null) return;
    const next = createToneInstrument(playableVoice(voice, { sampleRate: Tone.getContext().sampleRate }));
    next.output.toDestination();
    this.instrument = next;
  }

  get ready(): boolean {
    return this.instrument !== null;
  }

  /** Plays `pitch` (MIDI) at `velocity` (0..1) for `seconds`, starting now. */
  strike(pitch: number, velocity: number, seconds: number): void {
    this.instrument?.play({ time: 0, pitch, velocity, duration: seconds }, Tone.now());
  }

  dispose(): void {
    this.setVoice(null);
  }
}
