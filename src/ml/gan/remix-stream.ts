/**
 * The chunking behind `StyleRemixer.remix`, as a stream: feed input in pieces of any size, get
 * output as soon as it is final, then `flush` for the rest. Memory stays bounded by one chunk
 * plus its context, whatever the length, so a 10-minute track costs what a 1-minute one does.
 *
 * Chunk c covers output samples [cL, (c+1)L). It is analysed from `context` samples before its
 * start to `context` after its end (less at the ends of the track) and its output reaches seam/2
 * into each neighbour with a raised-cosine fade, so two neighbours sum to one across the seam.
 * A chunk is computed once the input reaches past its end by seam/2 + context: the output then
 * is the same, sample for sample, as a whole-track run with the same chunk size.
 */
import { AleaError } from '../../core/errors.ts';

export interface RemixStreamGeometry {
  /** samples per chunk (a multiple of the hop) */
  chunkSamples: number;
  /** samples of analysis context on each side (a multiple of the hop) */
  context: number;
  /** samples of cross-fade at each seam (even) */
  seam: number;
}

/** The remix of one piece of input (its own length back). */
export type PieceRemix = (piece: Float32Array) => Float32Array;

export class RemixStream {
  private input = new Float32Array(0);
  /** absolute index of input[0] */
  private inputStart = 0;
  private received = 0;
  /** next chunk to compute */
  private next = 0;
  /** output sums from `emitted` on (the last chunk's fade-out waits here for the next chunk) */
  private pending = new Float32Array(0);
  private emitted = 0;
  private flushed = false;

  constructor(
    private readonly remixPiece: PieceRemix,
    readonly geometry: RemixStreamGeometry,
    /** 0..1 wet/dry */
    private readonly strength = 1,
    private readonly signal?: AbortSignal,
  ) {}

  /** Samples of input taken so far. */
  get samplesIn(): number {
    return this.received;
  }

  process(chunk: Float32Array): Float32Array {
    if (this.flushed) throw new AleaError('failure', 'a remix stream was fed after flush');
    this.append(chunk);
    const { chunkSamples, context, seam } = this.geometry;
    let ready = this.emitted;
    while (this.received >= (this.next + 1) * chunkSamples + seam / 2 + context) {
      this.computeChunk(this.next, false, this.received);
      this.next++;
      ready = this.next * chunkSamples - seam / 2;
    }
    return this.emit(ready);
  }

  flush(): Float32Array {
    if (this.flushed) return new Float32Array(0);
    this.flushed = true;
    const total = this.received;
    const chunks = Math.max(1, Math.ceil(total / this.geometry.chunkSamples));
    for (; this.next < chunks && total > 0; this.next++) this.computeChunk(this.next, this.next === chunks - 1, total);
    return this.emit(total);
  }

  private computeChunk(c: number, last: boolean, available: number): void {
    if (this.signal?.aborted) throw new AleaError('failure', 'remix stopped');
    const { chunkSamples, context, seam } = this.geometry;
    const a = c * chunkSamples;
    const b = Math.min(available, a + chunkSamples);
    const outFrom = c === 0 ? 0 : a - seam / 2;
    const outTo = last ? available : b + seam / 2;
    const from = Math.max(0, outFrom - context);
    const to = Math.min(available, outTo + context);
    const piece = this.remixPiece(this.input.slice(from - this.inputStart, to - this.inputStart));
    this.reserve(outTo);
    for (let n = outFrom; n < outTo; n++) {
      let weight = 1;
      if (c > 0 && n < a + seam / 2) weight = fade((n - (a - seam / 2)) / seam);
      if (!last && n >= b - seam / 2) weight = fade((b + seam / 2 - n) / seam);
      this.pending[n - this.emitted] += weight * piece[n - from];
    }
  }

  /** Returns output [emitted, upTo) and forgets what no later chunk needs. */
  private emit(upTo: number): Float32Array {
    const count = Math.max(0, upTo - this.emitted);
    const out = this.pending.slice(0, count);
    if (this.strength < 1) {
      for (let i = 0; i < count; i++) out[i] = this.strength * out[i] + (1 - this.strength) * this.input[this.emitted + i - this.inputStart];
    }
    this.pending = this.pending.slice(count);
    this.emitted += count;
    // the next chunk reads from its own start − seam/2 − context; the dry mix from `emitted`
    const keepFrom = Math.max(0, Math.min(this.emitted, this.next * this.geometry.chunkSamples - this.geometry.seam / 2 - this.geometry.context));
    if (keepFrom > this.inputStart) {
      this.input = this.input.slice(keepFrom - this.inputStart);
      this.inputStart = keepFrom;
    }
    return out;
  }

  private append(chunk: Float32Array): void {
    const merged = new Float32Array(this.input.length + chunk.length);
    merged.set(this.input);
    merged.set(chunk, this.input.length);
    this.input = merged;
    this.received += chunk.length;
  }

  private reserve(upTo: number): void {
    const need = upTo - this.emitted;
    if (need <= this.pending.length) return;
    const grown = new Float32Array(need);
    grown.set(this.pending);
    this.pending = grown;
  }
}

/** Raised-cosine ramp 0 → 1 over u in [0, 1]; fade(u) + fade(1 − u) = 1. */
function fade(u: number): number {
  const x = Math.min(1, Math.max(0, u));
  return 0.5 - 0.5 * Math.cos(Math.PI * x);
}
