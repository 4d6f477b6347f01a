/**
 * The core resampler (`resampleChannel`) fed in pieces: input is cut into blocks whose starts are
 * multiples of the rate ratio's denominator, each resampled with `pad` samples of neighbours on
 * both sides, so the output equals a whole-signal resample sample for sample, in bounded memory.
 * Output is aligned with the input (no delay); it arrives one block plus the pad after its input.
 */
import { resampleChannel } from '../../../core/audio/resample.ts';

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Input samples per block, about: enough to amortise the filter design done per call. */
const BLOCK_SAMPLES = 32768;

export class StreamResampler {
  private readonly up: number;
  private readonly down: number;
  private readonly block: number;
  private readonly pad: number;
  private input: Float32Array = new Float32Array(0);
  /** absolute index of input[0] */
  private inputStart = 0;
  private received = 0;
  /** absolute input index of the next block (a multiple of `down`) */
  private next = 0;
  private flushed = false;

  constructor(
    readonly fromRate: number,
    readonly toRate: number,
  ) {
    const g = gcd(fromRate, toRate);
    this.up = toRate / g;
    this.down = fromRate / g;
    // the core filter reaches 64 zero crossings / cutoff input samples each way (cutoff ≥ 0.9·scale)
    const reach = Math.ceil((64 / (0.9 * Math.min(1, toRate / fromRate))) + 4);
    this.pad = Math.ceil(reach / this.down) * this.down;
    this.block = Math.ceil(BLOCK_SAMPLES / this.down) * this.down;
  }

  get passthrough(): boolean {
    return this.up === this.down;
  }

  push(samples: Float32Array): Float32Array {
    if (this.passthrough) return samples.slice();
    const merged = new Float32Array(this.input.length + samples.length);
    merged.set(this.input);
    merged.set(samples, this.input.length);
    this.input = merged;
    this.received += samples.length;
    const parts: Float32Array[] = [];
    while (this.received >= this.next + this.block + this.pad) {
      parts.push(this.resampleFrom(this.next, this.next + this.block + this.pad, (this.block * this.up) / this.down));
      this.next += this.block;
      this.forget();
    }
    return concat(parts);
  }

  flush(): Float32Array {
    if (this.passthrough || this.flushed) return new Float32Array(0);
    this.flushed = true;
    const outTotal = Math.round((this.received * this.up) / this.down);
    const count = outTotal - (this.next * this.up) / this.down;
    return count > 0 ? this.resampleFrom(this.next, this.received, count) : new Float32Array(0);
  }

  /** Output samples from input position `at` (block start), `count` of them, reading input up to `end`. */
  private resampleFrom(at: number, end: number, count: number): Float32Array {
    const from = Math.max(0, at - this.pad);
    const window = this.input.subarray(from - this.inputStart, end - this.inputStart);
    const out = resampleChannel(window, this.fromRate, this.toRate);
    const offset = ((at - from) * this.up) / this.down;
    return out.slice(offset, offset + count);
  }

  private forget(): void {
    const keepFrom = Math.max(0, this.next - this.pad);
    if (keepFrom > this.inputStart) {
      this.input = this.input.slice(keepFrom - this.inputStart);
      this.inputStart = keepFrom;
    }
  }
}

export function concat(parts: readonly Float32Array[]): Float32Array {
  if (parts.length === 1) return parts[0];
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
