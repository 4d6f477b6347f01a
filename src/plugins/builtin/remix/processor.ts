/**
 * The Remix processor: host audio (any rate, any channels) in pieces → the same length back.
 * The part of the track inside the range is mixed to mono, resampled to the model's rate, run
 * through the style GAN's `RemixStream` (bounded memory, output aligned with input), resampled
 * back, and mixed with the original at the host's rate: `strength` is wet/dry there, so the dry
 * part keeps its full bandwidth and stereo. Outside the range the track passes unchanged; at a
 * range end inside the track the remix fades in/out over RANGE_FADE_SECONDS, so there is no click.
 * The range is remixed as a piece of its own (the model hears nothing outside it).
 */
import type { ModelRef } from '../../../core/provenance.ts';
import type { RemixStream } from '../../../ml/gan/remix-stream.ts';
import type { AudioChunk, AudioProcessor } from '../../types.ts';
import { RANGE_FADE_SECONDS } from './descriptor.ts';
import { concat, StreamResampler } from './stream-resampler.ts';

export interface RemixProcessorSetup {
  sampleRate: number;
  channelCount: number;
  modelRate: number;
  /** the model stream for the range, at the model's rate, strength 1 */
  stream: RemixStream;
  strength: number;
  /** seconds; `to` Infinity = to the end */
  from: number;
  to: number;
  model: ModelRef;
}

export class RemixProcessor implements AudioProcessor {
  readonly latencySamples = 0;
  readonly model: ModelRef;
  private readonly channelCount: number;
  private readonly stream: RemixStream;
  private readonly down: StreamResampler;
  private readonly up: StreamResampler;
  private readonly strength: number;
  /** range in host samples [a, b) */
  private readonly a: number;
  private readonly b: number;
  private readonly fade: number;
  /** unsent input, per channel, from absolute sample `emitted` */
  private dry: Float32Array[];
  /** remixed samples (host rate, mono) from absolute sample max(a, emitted) */
  private wet: Float32Array = new Float32Array(0);
  /** absolute host sample of wet[0] */
  private wetStart: number;
  private wetDone = false;
  private received = 0;
  private emitted = 0;

  constructor(setup: RemixProcessorSetup) {
    this.channelCount = setup.channelCount;
    this.stream = setup.stream;
    this.strength = setup.strength;
    this.model = setup.model;
    this.a = Math.round(setup.from * setup.sampleRate);
    this.b = Number.isFinite(setup.to) ? Math.round(setup.to * setup.sampleRate) : Infinity;
    this.fade = Math.max(1, Math.round(RANGE_FADE_SECONDS * setup.sampleRate));
    this.down = new StreamResampler(setup.sampleRate, setup.modelRate);
    this.up = new StreamResampler(setup.modelRate, setup.sampleRate);
    this.dry = Array.from({ length: setup.channelCount }, () => new Float32Array(0));
    this.wetStart = this.a;
  }

  process(chunk: AudioChunk): AudioChunk {
    const n = chunk.length === 0 ? 0 : chunk[0].length;
    if (n === 0) return this.emit(this.emitted);
    this.dry = this.dry.map((held, c) => concat([held, chunk[c] ?? chunk[0]]));
    const lo = Math.max(this.received, this.a);
    const hi = Math.min(this.received + n, this.b);
    if (hi > lo) this.feed(this.mono(chunk, lo - this.received, hi - this.received));
    this.received += n;
    if (this.received >= this.b) this.finishWet();
    return this.emit(this.readyUpTo());
  }

  flush(): AudioChunk {
    this.finishWet();
    return this.emit(this.received);
  }

  /** Output is final up to here: the dry part before the range, the remixed part inside it, all of it once the range is done. */
  private readyUpTo(): number {
    if (this.received <= this.a || this.wetDone) return this.received;
    return Math.min(this.received, this.wetStart + this.wet.length);
  }

  private mono(chunk: AudioChunk, from: number, to: number): Float32Array {
    const out = new Float32Array(to - from);
    for (const channel of chunk) for (let i = from; i < to; i++) out[i - from] += channel[i];
    if (chunk.length > 1) for (let i = 0; i < out.length; i++) out[i] /= chunk.length;
    return out;
  }

  private feed(hostRate: Float32Array): void {
    this.appendWet(this.up.push(this.stream.process(this.down.push(hostRate))));
  }

  /** The range has ended (or the track has): run out the pipeline and fix the wet length. */
  private finishWet(): void {
    if (this.wetDone) return;
    this.wetDone = true;
    if (this.received <= this.a) return;
    const tail = concat([this.stream.process(this.down.flush()), this.stream.flush()]);
    this.appendWet(concat([this.up.push(tail), this.up.flush()]));
    const length = Math.min(this.b, this.received) - this.wetStart;
    if (this.wet.length !== length) {
      const exact = new Float32Array(Math.max(0, length));
      exact.set(this.wet.subarray(0, exact.length));
      this.wet = exact;
    }
  }

  private appendWet(samples: Float32Array): void {
    if (samples.length > 0) this.wet = concat([this.wet, samples]);
  }

  /** Share of remix at absolute sample i: `strength` inside the range, faded at its inner ends. */
  private wetShare(i: number): number {
    if (i < this.a || i >= this.b) return 0;
    let share = this.strength;
    if (this.a > 0) share *= Math.min(1, (i - this.a + 0.5) / this.fade);
    if (Number.isFinite(this.b)) share *= Math.min(1, (this.b - i - 0.5) / this.fade);
    return share;
  }

  private emit(upTo: number): AudioChunk {
    const count = Math.max(0, upTo - this.emitted);
    const out = this.dry.map((channel) => channel.slice(0, count));
    for (let k = 0; k < count; k++) {
      const i = this.emitted + k;
      const share = this.wetShare(i);
      if (share === 0) continue;
      const w = this.wet[i - this.wetStart];
      for (let c = 0; c < this.channelCount; c++) out[c][k] = share * w + (1 - share) * out[c][k];
    }
    this.emitted += count;
    this.dry = this.dry.map((channel) => channel.slice(count));
    if (this.emitted > this.wetStart) {
      const drop = Math.min(this.wet.length, this.emitted - this.wetStart);
      this.wet = this.wet.slice(drop);
      this.wetStart += drop;
    }
    return out;
  }
}
