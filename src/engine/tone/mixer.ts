/**
 * One Tone.Channel per track (volume, pan) into a master volume, into the context's destination.
 * Which channels sound is decided by the engine's one mute/solo rule (mixer-rules.ts) and applied
 * as channel mutes: Tone's own solo is never used, so live playback and export cannot disagree.
 * Tone.Channel's StereoPannerNode is the pan law mixer-rules.ts writes out for the offline mix.
 */
import * as Tone from 'tone';
import { audibleStrips } from '../mixer-rules.ts';
import type { MixerStrip } from '../project.ts';

export class Mixer {
  /** a plain Volume: a Tone.Channel here would fold the stereo mix to mono in its panner */
  readonly master: Tone.Volume;
  private readonly channels: Tone.Channel[];
  /** what each strip was set to (a muted Tone.Channel reports −Infinity as its volume) */
  private readonly strips: MixerStrip[];

  /**
   * @param channelCounts per track: 1 for a mono source (instruments), 2 for a stereo one (a
   *   stereo audio track, which the panner then pans as stereo); default 1
   */
  constructor(strips: readonly MixerStrip[], masterVolumeDb = 0, channelCounts: readonly number[] = []) {
    this.master = new Tone.Volume(masterVolumeDb).toDestination();
    this.strips = strips.map((strip) => ({ ...strip }));
    this.channels = strips.map((strip, i) => new Tone.Channel({ volume: strip.volumeDb, pan: strip.pan, channelCount: channelCounts[i] ?? 1 }).connect(this.master));
    this.apply();
  }

  get trackCount(): number {
    return this.channels.length;
  }

  /** The channel a track's instrument (or clip track) connects to. */
  channel(index: number): Tone.Channel {
    const channel = this.channels[index];
    if (channel === undefined) throw new RangeError(`mixer has no track ${index}`);
    return channel;
  }

  /** Changes one strip; a mute or solo change re-applies audibility to every channel. */
  setStrip(index: number, change: Partial<MixerStrip>): void {
    this.channel(index);
    this.strips[index] = { ...this.strips[index], ...change };
    this.apply();
  }

  strip(index: number): MixerStrip {
    this.channel(index);
    return { ...this.strips[index] };
  }

  /** Whether each channel is heard now. */
  audible(): boolean[] {
    return this.channels.map((channel) => !channel.mute);
  }

  setMasterVolume(db: number): void {
    this.master.volume.value = db;
  }

  private apply(): void {
    const heard = audibleStrips(this.strips);
    this.channels.forEach((channel, i) => {
      const strip = this.strips[i];
      // unmute first: Tone.Volume restores its pre-mute level on unmute, which must be the new one
      channel.mute = false;
      channel.volume.value = strip.volumeDb;
      channel.mute = !heard[i];
      channel.pan.value = strip.pan;
    });
  }

  dispose(): void {
    for (const channel of this.channels) channel.dispose();
    this.master.dispose();
  }
}
