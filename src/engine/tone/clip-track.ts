/**
 * An audio track played live: one Tone.Player per placed clip, synced to the transport (so play,
 * stop, seek and loop move it with the MIDI tracks), into one output the track's chain and
 * mixer channel follow. Clip placement comes from audio-clips.ts, as in the offline render.
 */
import * as Tone from 'tone';
import type { PlacedClip } from '../audio-clips.ts';

export class ToneClipTrack {
  readonly output: Tone.Gain;
  readonly players: readonly Tone.Player[];
  private readonly buffers: Tone.ToneAudioBuffer[] = [];

  /** `clips` must be placed at the context's sample rate. */
  constructor(clips: readonly PlacedClip[]) {
    this.output = new Tone.Gain(1);
    const rate = Tone.getContext().sampleRate;
    this.players = clips.map((clip) => {
      const buffer = Tone.ToneAudioBuffer.fromArray(clip.audio.channels.length > 1 ? clip.audio.channels.slice(0, 2) : clip.audio.channels[0]);
      this.buffers.push(buffer);
      const player = new Tone.Player(buffer).connect(this.output);
      player.volume.value = 20 * Math.log10(clip.gain);
      player.sync().start(clip.start / rate, clip.offset / rate, clip.length / rate);
      return player;
    });
  }

  dispose(): void {
    for (const player of this.players) player.unsync().dispose();
    for (const buffer of this.buffers) buffer.dispose();
    this.output.dispose();
  }
}
