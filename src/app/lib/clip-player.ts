import * as Tone from 'tone';
import type { AudioData } from '../../core/audio/audio-data.ts';

/**
 * Plays an imported audio clip in time with the transport (from the song start) through its own
 * channel. The engine's project holds only MIDI tracks, so clips are played here.
 */
export class ClipPlayer {
  private readonly player: Tone.Player;
  private readonly channel: Tone.Channel;

  constructor(audio: AudioData, volumeDb: number, pan: number, audible: boolean) {
    this.channel = new Tone.Channel({ volume: volumeDb, pan, mute: !audible }).toDestination();
    this.player = new Tone.Player(Tone.ToneAudioBuffer.fromArray(audio.channels)).connect(this.channel);
    this.player.sync().start(0);
  }

  set(volumeDb: number, pan: number, audible: boolean): void {
    // unmute first: a muted Tone.Volume restores its pre-mute level on unmute
    this.channel.mute = false;
    this.channel.volume.value = volumeDb;
    this.channel.mute = !audible;
    this.channel.pan.value = pan;
  }

  dispose(): void {
    this.player.unsync().dispose();
    this.channel.dispose();
  }
}
