/**
 * An audio track played live: one Tone.Player per placed clip, synced to the transport (so play,
 * stop, seek and loop move it with the MIDI tracks), into one output the track's chain and
 * mixer channel follow. Clip placement comes from audio-clips.ts, as in the offline render.
 */
import * as Tone from 'tone';
import type { AudioData } from '../../core/audio/audio-data.ts';
import type { PlacedClip } from '../audio-clips.ts';
import { releaseBuffer, takeBuffer } from './shared-buffers.ts';

export class ToneClipTrack {
  readonly output: Tone.Gain;
  readonly players: readonly Tone.Player[];
  /** the sources whose shared buffers this track holds, and the context they are in */
  private readonly sources: AudioData[] = [];
  private readonly context = Tone.getContext();

  /** `clips` must be placed at the context's sample rate. */
  constructor(clips: readonly PlacedClip[]) {
    this.output = new Tone.Gain(1);
    const rate = Tone.getContext().sampleRate;
    this.players = clips.map((clip) => {
      const buffer = takeBuffer(clip.audio);
      this.sources.push(clip.audio);
      const player = new Tone.Player(buffer).connect(this.output);
      player.volume.value = 20 * Math.log10(clip.gain);
      player.sync().start(clip.start / rate, clip.offset / rate, clip.length / rate);
      return player;
    });
  }

  dispose(): void {
    for (const player of this.players) player.unsync().dispose();
    for (const source of this.sources) releaseBuffer(this.context, source);
    this.output.dispose();
  }
}
