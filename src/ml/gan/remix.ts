/**
 * Audio in, audio out: the style GAN applied to a whole track in chunks, so memory stays bounded
 * whatever the length. Each chunk is analysed with context on both sides (more than the
 * generator's reach and a window), remixed in the log-mel domain, turned back into STFT
 * magnitudes as per-band gains on the input's own magnitudes, given the input's phase (the notes
 * are the same) refined by a few fast Griffin-Lim iterations, and synthesised; neighbouring
 * chunks cross-fade over a few hops, so seams do not click.
 */
import * as tf from '@tensorflow/tfjs';
import { AleaError } from '../../core/errors.ts';
import { griffinLim } from '../../core/dsp/griffin-lim.ts';
import { GanConfigSchema, generatorReach, type GanConfig } from './config.ts';
import { applyFeatureChange, magnitudesOf, magnitudesToFeatures, stftOf, type FeatureFrames } from './features.ts';
import { generate, styleOneHot, type GanWeights } from './model.ts';
import { RemixStream, type RemixStreamGeometry } from './remix-stream.ts';

export interface RemixOptions {
  /** 0..1 wet/dry: 1 is the remix only (default 1) */
  strength?: number;
  /** frames per chunk, before context (default 1024 ≈ 16 s at hop 256 / 16 kHz) */
  chunkFrames?: number;
  /** fast Griffin-Lim iterations after reusing the input's phase (default 4; 0 = the input's phase only) */
  griffinLimIterations?: number;
  /** called with 0..1 after each chunk */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** Hops of cross-fade at each seam between chunks. */
const SEAM_HOPS = 4;

export class StyleRemixer {
  readonly config: GanConfig;
  private readonly weights: GanWeights;

  /** Takes ownership of `weights` (disposed by `dispose`). */
  constructor(weights: GanWeights, config: GanConfig) {
    this.weights = weights;
    this.config = config;
    const missing = ['generator.in.w', 'generator.out.w'].filter((n) => weights[n] === undefined);
    if (missing.length > 0) throw new AleaError('model', `the style model has no weight ${missing[0]}`);
  }

  /** From a loaded model folder (config.json checked against the schema). */
  static fromLoaded(loaded: { weights: GanWeights; config: unknown }): StyleRemixer {
    const parsed = GanConfigSchema.safeParse(loaded.config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AleaError('model', `config.json is not a style GAN's: ${issue.path.join('.') || 'config'}: ${issue.message}`);
    }
    return new StyleRemixer(loaded.weights, parsed.data);
  }

  get styleNames(): string[] {
    return this.config.styles.map((s) => s.name);
  }

  styleIndex(name: string): number {
    const index = this.styleNames.indexOf(name);
    if (index < 0) throw new AleaError('usage', `unknown style '${name}' (this model plays ${this.styleNames.join(', ')})`);
    return index;
  }

  /** Generated features for features `x` in style `style` (whole array at once: callers chunk). */
  features(x: FeatureFrames, style: number): FeatureFrames {
    // The tensor leaves tidy, not its values: tidy walks a returned typed array element by element.
    const out = tf.tidy(() => generate(this.weights, this.config, tf.tensor3d(x.data, [1, x.frames, x.nMels]), styleOneHot([style], this.config.styles.length)));
    const data = Float32Array.from(out.dataSync());
    out.dispose();
    return { frames: x.frames, nMels: x.nMels, data };
  }

  /** Mono samples at the model's rate → the same length in `style`. */
  remix(samples: Float32Array, style: number, options: RemixOptions = {}): Float32Array {
    const stream = this.stream(style, options);
    const out = new Float32Array(samples.length);
    const block = stream.geometry.chunkSamples;
    let written = 0;
    for (let from = 0; from < samples.length; from += block) {
      const ready = stream.process(samples.subarray(from, Math.min(samples.length, from + block)));
      out.set(ready, written);
      written += ready.length;
      options.onProgress?.(Math.min(1, written / Math.max(1, samples.length)));
    }
    out.set(stream.flush(), written);
    options.onProgress?.(1);
    return out;
  }

  /**
   * A stream for audio of any length in bounded memory: `process` pieces in order, then
   * `flush`; the output is aligned with the input (no latency) and arrives once final.
   */
  stream(style: number, options: Omit<RemixOptions, 'onProgress'> = {}): RemixStream {
    const { hop } = this.config;
    const strength = options.strength ?? 1;
    if (!(strength >= 0 && strength <= 1)) throw new AleaError('usage', `strength must be 0..1, got ${strength}`);
    if (!(style >= 0 && style < this.config.styles.length)) throw new AleaError('usage', `style index ${style} outside 0..${this.config.styles.length - 1}`);
    const geometry: RemixStreamGeometry = {
      chunkSamples: Math.max(8, options.chunkFrames ?? 1024) * hop,
      context: (generatorReach(this.config) + Math.ceil(this.config.nFft / hop) + 2) * hop,
      seam: SEAM_HOPS * hop,
    };
    const iterations = options.griffinLimIterations ?? 4;
    return new RemixStream((piece) => this.remixPiece(piece, style, iterations), geometry, strength, options.signal);
  }

  private remixPiece(piece: Float32Array, style: number, iterations: number): Float32Array {
    const spectrum = stftOf(piece, this.config);
    const magnitudes = magnitudesOf(spectrum);
    const before = magnitudesToFeatures(magnitudes, this.config);
    const after = this.features(before, style);
    const target = applyFeatureChange(magnitudes, before, after, this.config);
    return griffinLim(target, {
      nFft: this.config.nFft,
      hop: this.config.hop,
      iterations,
      initialPhaseFrom: spectrum,
      length: piece.length,
    });
  }

  dispose(): void {
    tf.dispose(Object.values(this.weights));
  }
}
