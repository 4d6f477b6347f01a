/**
 * Level meters on a live mixer: one Tone.Meter per track channel and one on the master, read
 * on demand (the UI polls a few times a second). Rebuilt when the project's graph changes.
 */
import * as Tone from 'tone';
import type { ProjectPlayer } from './project-player.ts';

/** Per track (MIDI tracks, then audio tracks) then the master: level in dB (−Infinity when silent). */
export type MixerLevels = number[];

/** A meter's reading: one level, or the loudest channel's. */
function loudest(value: number | number[]): number {
  return typeof value === 'number' ? value : Math.max(...value);
}

export class MixerMeters {
  private player: ProjectPlayer | null = null;
  private meters: Tone.Meter[] = [];

  /** The levels of `player`'s mixer now (meters are attached the first time a player is seen). */
  read(player: ProjectPlayer | null): MixerLevels | null {
    if (player !== this.player) this.attach(player);
    if (player === null) return null;
    return this.meters.map((meter) => loudest(meter.getValue()));
  }

  private attach(player: ProjectPlayer | null): void {
    this.detach();
    this.player = player;
    if (player === null) return;
    const { mixer } = player;
    for (let i = 0; i < mixer.trackCount; i++) {
      const meter = new Tone.Meter({ smoothing: 0.7 });
      mixer.channel(i).connect(meter);
      this.meters.push(meter);
    }
    const master = new Tone.Meter({ smoothing: 0.7 });
    mixer.master.connect(master);
    this.meters.push(master);
  }

  private detach(): void {
    // the old player's channels go with it; the meters are ours to dispose
    for (const meter of this.meters) meter.dispose();
    this.meters = [];
    this.player = null;
  }

  dispose(): void {
    this.detach();
  }
}
