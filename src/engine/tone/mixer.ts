/**
 * One Tone.Channel per track (volume, pan, mute, solo) into a master volume, into the context's
 * destination. Tone.Channel's equal-power panner is the pan law the offline renderer uses.
 */
import * as Tone from 'tone';
import type { MixerStrip } from '../project.ts';

export class Mixer {
  /** a plain Volume: a Tone.Channel here would fold the stereo mix to mono in its panner */
  readonly master: Tone.Volume;
  private readonly channels: Tone.Channel[];
  /** what each strip was set to (a muted Tone.Channel reports −Infinity as its volume) */
  private readonly strips: MixerStrip[];

  constructor(strips: readonly MixerStrip[], masterVolumeDb = 0) {
    this.master = new Tone.Volume(masterVolumeDb).toDestination();
    this.strips = strips.map((strip) => ({ ...strip }));
    this.channels = strips.map((strip) =>
      new Tone.Channel({ volume: strip.volumeDb, pan: strip.pan, mute: strip.mute, solo: strip.solo }).connect(this.master),
    );
  }

  get trackCount(): number {
    return this.channels.length;
  }

  /** The channel a track's instrument connects to. */
  channel(index: number): Tone.Channel {
    const channel = this.channels[index];
    if (channel === undefined) throw new RangeError(`mixer has no track ${index}`);
    return channel;
  }

  setStrip(index: number, change: Partial<MixerStrip>): void {
    const channel = this.channel(index);
    const strip: MixerStrip = { ...this.strips[index], ...change };
    this.strips[index] = strip;
    // unmute first: Tone.Volume restores its pre-mute level on unmute, which must be the new one
    channel.mute = false;
    channel.volume.value = strip.volumeDb;
    channel.mute = strip.mute;
    channel.pan.value = strip.pan;
    channel.solo = strip.solo;
  }

  strip(index: number): MixerStrip {
    this.channel(index);
    return { ...this.strips[index] };
  }

  setMasterVolume(db: number): void {
    this.master.volume.value = db;
  }

  dispose(): void {
    for (const channel of this.channels) channel.dispose();
    this.master.dispose();
  }
}
