import type { EnginePort } from '../lib/engine-port.ts';

/**
 * Play/stop/loop and the position readout. The position is read from the engine once per frame
 * while playing. Stop pauses where it is; stop while stopped goes back to the start.
 */
export class TransportState {
  playing = $state(false);
  looping = $state(false);
  /** seconds from the song start */
  seconds = $state(0);
  /** the loop region, seconds; an empty region (end ≤ start) loops the whole song */
  loopStart = $state(0);
  loopEnd = $state(0);

  /** while recording, playback runs on past the song's end (the take may be longer than the song) */
  openEnded = false;
  private readonly engine: EnginePort;
  private readonly songSeconds: () => number;
  private frame = 0;
  /** reloads of what plays still running, and where to carry on playing after them */
  private reloads = 0;
  private resumeAt = $state<number | null>(null);

  constructor(engine: EnginePort, songSeconds: () => number) {
    this.engine = engine;
    this.songSeconds = songSeconds;
  }

  /** Playing, or about to carry on once a load lands: what Space and Stop stop. */
  get active(): boolean {
    return this.playing || this.resumeAt !== null;
  }

  async play(): Promise<void> {
    if (this.playing) return;
    try {
      await this.engine.unlock();
    } catch {
      return; // audio cannot start: nothing would sound (the workstation's banner says why)
    }
    // a load in progress would stop the engine when it lands: start once it has (see reloading)
    if (this.reloads > 0) {
      this.resumeAt ??= this.seconds; // a playback the load interrupted keeps its own place
      return;
    }
    const end = this.openEnded ? Number.POSITIVE_INFINITY : this.songSeconds();
    if (end <= 0) return;
    if (this.seconds >= end) this.seconds = 0;
    this.sendLoop();
    this.engine.play(this.seconds);
    this.playing = true;
    this.tick();
  }

  stop(): void {
    if (this.resumeAt !== null) {
      // playback held while a load lands: stop where it was (not back to the start), no resume
      this.seconds = this.resumeAt;
      this.resumeAt = null;
      this.halt();
      return;
    }
    if (!this.playing) {
      this.seconds = 0;
      return;
    }
    this.halt();
  }

  /** Stops and goes back to the start (a new song was loaded). */
  rewind(): void {
    this.resumeAt = null; // nor carries on after a load
    this.halt();
    this.seconds = 0;
  }

  toggleLoop(): void {
    this.looping = !this.looping;
    this.sendLoop();
  }

  /** Loops [start, end) seconds from now on (and turns looping on); an empty region loops the song. */
  setLoopRegion(start: number, end: number): void {
    this.loopStart = Math.max(0, Math.min(start, end));
    this.loopEnd = Math.max(0, Math.max(start, end));
    this.looping = true;
    this.sendLoop();
  }

  /** The region that loops, seconds: the loop region, or the whole song when none is set. */
  loopRange(): [number, number] {
    return this.loopEnd > this.loopStart ? [this.loopStart, this.loopEnd] : [0, this.songSeconds()];
  }

  /**
   * Runs `load` (a new version of the project going into the engine, which stops it) and, if it
   * was playing, carries on from where it was once the last load running is done.
   */
  async reloading<T>(load: () => Promise<T>): Promise<T> {
    if (this.reloads === 0 && this.playing) {
      this.resumeAt = this.engine.positionSeconds();
      this.halt();
    }
    this.reloads++;
    try {
      return await load();
    } finally {
      this.reloads--;
      if (this.reloads === 0 && this.resumeAt !== null) {
        this.seconds = this.resumeAt;
        this.resumeAt = null;
        void this.play();
      }
    }
  }

  private sendLoop(): void {
    const [start, end] = this.loopRange();
    this.engine.setLoop(this.looping, start, end);
  }

  seek(seconds: number): void {
    const wasPlaying = this.playing;
    this.halt();
    this.seconds = Math.max(0, Math.min(seconds, this.songSeconds()));
    if (this.resumeAt !== null) this.resumeAt = this.seconds; // playback held by a load carries on from here
    if (wasPlaying) void this.play();
  }

  dispose(): void {
    this.halt();
  }

  private halt(): void {
    cancelAnimationFrame(this.frame);
    if (this.playing) this.engine.stop();
    this.playing = false;
  }

  private tick = (): void => {
    if (!this.playing) return;
    const end = this.openEnded ? Number.POSITIVE_INFINITY : this.songSeconds();
    const position = this.engine.positionSeconds();
    if (!this.looping && (position >= end || !this.engine.playing)) {
      this.halt();
      this.seconds = end;
      return;
    }
    this.seconds = position;
    this.frame = requestAnimationFrame(this.tick);
  };
}
