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

  private readonly engine: EnginePort;
  private readonly songSeconds: () => number;
  private frame = 0;

  constructor(engine: EnginePort, songSeconds: () => number) {
    this.engine = engine;
    this.songSeconds = songSeconds;
  }

  async play(): Promise<void> {
    if (this.playing) return;
    try {
      await this.engine.unlock();
    } catch {
      return; // audio cannot start: nothing would sound (the workstation's banner says why)
    }
    const end = this.songSeconds();
    if (end <= 0) return;
    if (this.seconds >= end) this.seconds = 0;
    this.engine.setLoop(this.looping, 0, end);
    this.engine.play(this.seconds);
    this.playing = true;
    this.tick();
  }

  stop(): void {
    if (!this.playing) {
      this.seconds = 0;
      return;
    }
    this.halt();
  }

  /** Stops and goes back to the start (a new song was loaded). */
  rewind(): void {
    this.halt();
    this.seconds = 0;
  }

  toggleLoop(): void {
    this.looping = !this.looping;
    this.engine.setLoop(this.looping, 0, this.songSeconds());
  }

  seek(seconds: number): void {
    const wasPlaying = this.playing;
    this.halt();
    this.seconds = Math.max(0, Math.min(seconds, this.songSeconds()));
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
    const end = this.songSeconds();
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
