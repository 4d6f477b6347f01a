/**
 * The song's view of Tone's transport: tempo and meter from the song, play/stop from a tick,
 * a loop region in ticks. Notes are scheduled in seconds from the song's tempo map (so tempo
 * changes play right); the transport's own bpm is the song's first tempo.
 */
import * as Tone from 'tone';
import { TempoMap } from '../../core/music/tempo-map.ts';
import type { Song } from '../../core/music/types.ts';

type ToneTransport = ReturnType<typeof Tone.getTransport>;

export class Transport {
  private readonly transport: ToneTransport;
  private tempoMap: TempoMap;

  constructor(song: Song) {
    this.transport = Tone.getTransport();
    this.tempoMap = TempoMap.fromSong(song);
    this.setSong(song);
  }

  setSong(song: Song): void {
    this.tempoMap = TempoMap.fromSong(song);
    this.transport.bpm.value = this.tempoMap.bpmAt(0);
    const meter = this.tempoMap.timeSignatureAt(0);
    this.transport.timeSignature = [meter.numerator, meter.denominator];
  }

  /** Starts playing from `fromTick`, at AudioContext time `when` (default: now). */
  play(fromTick = 0, when?: number): void {
    this.transport.start(when, this.tempoMap.tickToSeconds(fromTick));
  }

  stop(when?: number): void {
    this.transport.stop(when);
  }

  pause(when?: number): void {
    this.transport.pause(when);
  }

  get playing(): boolean {
    return this.transport.state === 'started';
  }

  /** Playback position in song seconds. */
  get seconds(): number {
    return this.transport.seconds;
  }

  /** Playback position in song ticks. */
  get tick(): number {
    return Math.round(this.tempoMap.secondsToTick(this.transport.seconds));
  }

  setLoop(startTick: number, endTick: number): void {
    if (!(endTick > startTick && startTick >= 0)) throw new RangeError(`loop must end after it starts (${startTick}..${endTick})`);
    this.transport.setLoopPoints(this.tempoMap.tickToSeconds(startTick), this.tempoMap.tickToSeconds(endTick));
    this.transport.loop = true;
  }

  clearLoop(): void {
    this.transport.loop = false;
  }

  get looping(): boolean {
    return this.transport.loop;
  }

  /** Stops and clears the loop; Tone's transport itself is shared by the context and lives on. */
  dispose(): void {
    this.transport.stop();
    this.transport.loop = false;
  }
}
