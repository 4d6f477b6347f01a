/**
 * Plays a Project live with Tone.js: the song's transport, one instrument and track player per
 * track, and the mixer. The app makes one per loaded project (after `await Tone.start()` from a
 * user gesture) and disposes it when the project changes shape.
 */
import { songEvents } from '../note-events.ts';
import { validateProject, type MixerStrip, type Project } from '../project.ts';
import { createToneInstrument } from './create-instrument.ts';
import { Mixer } from './mixer.ts';
import type { ToneInstrument } from './tone-instrument.ts';
import { TrackPlayer } from './track-player.ts';
import { Transport } from './transport.ts';

export class ProjectPlayer {
  readonly transport: Transport;
  readonly mixer: Mixer;
  readonly instruments: readonly ToneInstrument[];
  readonly players: readonly TrackPlayer[];

  /** @throws AleaError 'bad-input' when the project is inconsistent */
  constructor(input: Project) {
    const project = validateProject(input);
    this.transport = new Transport(project.song);
    this.mixer = new Mixer(
      project.tracks.map((t) => t.strip),
      project.masterVolumeDb,
    );
    const events = songEvents(project.song);
    this.instruments = project.tracks.map((setup, i) => {
      const instrument = createToneInstrument(setup.instrument, events[i].map((e) => e.pitch));
      instrument.output.connect(this.mixer.channel(i));
      return instrument;
    });
    this.players = this.instruments.map((instrument, i) => new TrackPlayer(events[i], instrument));
  }

  play(fromTick = 0, when?: number): void {
    this.transport.play(fromTick, when);
  }

  stop(): void {
    this.transport.stop();
    for (const instrument of this.instruments) instrument.releaseAll();
  }

  setStrip(index: number, change: Partial<MixerStrip>): void {
    this.mixer.setStrip(index, change);
  }

  setMasterVolume(db: number): void {
    this.mixer.setMasterVolume(db);
  }

  setLoop(startTick: number, endTick: number): void {
    this.transport.setLoop(startTick, endTick);
  }

  clearLoop(): void {
    this.transport.clearLoop();
  }

  dispose(): void {
    this.transport.dispose();
    for (const player of this.players) player.dispose();
    for (const instrument of this.instruments) instrument.dispose();
    this.mixer.dispose();
  }
}
