/**
 * The look-ahead limiter of limiter.ts over consecutive blocks, for renders streamed to disk:
 * the same gain computer step by step, with the audio held back `delay` frames in a short
 * delay line. Its output, joined, is exactly `limit()`'s over the whole signal; where no sample
 * rises above the ceiling the gain is exactly 1 and the audio passes unchanged.
 */
import { dbToGain } from './levels.ts';
import type { LimiterOptions } from './limiter.ts';

export class LimiterStream {
  private readonly ceiling: number;
  private readonly delay: number;
  private readonly releaseCoef: number;
  /** monotonic deque of (step, required gain) over the look-ahead window */
  private readonly dequeStep: Float64Array;
  private readonly dequeValue: Float64Array;
  private head = 0;
  private size = 0;
  /** the last delay + 1 released gains, for the running mean */
  private readonly ring: Float64Array;
  private ringSum: number;
  private released = 1;
  /** envelope steps taken (= input frames, then the flush) */
  private step = 0;
  /** the last `delay` input frames per channel, oldest at `linePos` */
  private readonly line: Float32Array[];
  private linePos = 0;
  private peak = 0;

  constructor(channelCount: number, sampleRate: number, options: LimiterOptions = {}) {
    const lookaheadMs = options.lookaheadMs ?? 5;
    const releaseMs = options.releaseMs ?? 80;
    // A hair under the ceiling so that rounding to Float32 cannot step over it (as limit()).
    this.ceiling = dbToGain(options.ceilingDb ?? -1) * (1 - 1e-6);
    this.delay = Math.max(1, Math.round((lookaheadMs * sampleRate) / 1000));
    this.releaseCoef = releaseMs === 0 ? 1 : 1 - Math.exp(-1000 / (releaseMs * sampleRate));
    this.dequeStep = new Float64Array(this.delay + 2);
    this.dequeValue = new Float64Array(this.delay + 2);
    this.ring = new Float64Array(this.delay + 1).fill(1);
    this.ringSum = this.delay + 1;
    this.line = Array.from({ length: channelCount }, () => new Float32Array(this.delay));
  }

  /** The highest output sample level so far. */
  get outputPeak(): number {
    return this.peak;
  }

  /** One envelope step with the required gain of input frame `step`; the gain for frame step − delay. */
  private advance(value: number): number {
    const capacity = this.dequeStep.length;
    while (this.size > 0 && this.dequeValue[(this.head + this.size - 1) % capacity] >= value) this.size--;
    const back = (this.head + this.size) % capacity;
    this.dequeStep[back] = this.step;
    this.dequeValue[back] = value;
    this.size++;
    if (this.dequeStep[this.head] < this.step - this.delay) {
      this.head = (this.head + 1) % capacity;
      this.size--;
    }
    const held = this.dequeValue[this.head];
    this.released = held < this.released ? held : this.released + this.releaseCoef * (held - this.released);
    const slot = this.step % this.ring.length;
    this.ringSum += this.released - this.ring[slot];
    this.ring[slot] = this.released;
    this.step++;
    return Math.min(1, this.ringSum / this.ring.length);
  }

  /**
   * Takes the next input frames (one array per channel, equal lengths) and returns the limited
   * output frames now complete: the first `delay` frames of the stream come out one call late.
   */
  process(input: readonly Float32Array[]): Float32Array[] {
    const frames = input[0]?.length ?? 0;
    const ready = Math.max(0, Math.min(frames, this.step + frames - this.delay));
    const out = input.map(() => new Float32Array(ready));
    let written = 0;
    for (let i = 0; i < frames; i++) {
      let peak = 0;
      for (const channel of input) peak = Math.max(peak, Math.abs(channel[i]));
      written = this.emit(peak > this.ceiling ? this.ceiling / peak : 1, input, i, out, written);
    }
    return out;
  }

  /** The last `delay` frames, after the input has ended. */
  flush(): Float32Array[] {
    const remaining = Math.min(this.delay, this.step);
    const out = this.line.map(() => new Float32Array(remaining));
    let written = 0;
    for (let i = 0; i < this.delay; i++) written = this.emit(1, undefined, i, out, written);
    return out;
  }

  private emit(value: number, input: readonly Float32Array[] | undefined, i: number, out: Float32Array[], written: number): number {
    const emits = this.step >= this.delay;
    const gain = this.advance(value);
    let next = written;
    for (let c = 0; c < this.line.length; c++) {
      const line = this.line[c];
      const delayed = line[this.linePos];
      line[this.linePos] = input === undefined ? 0 : input[c][i];
      if (emits && next < out[c].length) {
        const y = delayed * gain;
        out[c][next] = y;
        const level = Math.abs(out[c][next]);
        if (level > this.peak) this.peak = level;
      }
    }
    this.linePos = (this.linePos + 1) % this.delay;
    if (emits) next++;
    return next;
  }
}
