/**
 * A trained timbre VAE in use: sound → latent (`encode`), latent → sound at any pitch, velocity
 * and length (`render`). Inference runs the two small MLPs on tfjs (inside tf.tidy) and the
 * synth in plain TypeScript.
 */
import * as tf from '@tensorflow/tfjs';
import { AleaError } from '../../core/errors.ts';
import type { LoadedModel } from '../runtime/model-io.ts';
import { PITCH_FEATURES, TIME_FEATURES, VELOCITY_FEATURES, VaeConfigSchema, encoderInputSize, type VaeConfig } from './config.ts';
import { conditioningRows } from './conditioning.ts';
import { encoderInput } from './features.ts';
import { createVaeVariables, decode, encode, type VaeWeights } from './model.ts';
import { logMelFrames, spectralFrontEnd } from './spectral.ts';
import { synthesize, type FrameControls } from './synth.ts';

export interface RenderOptions {
  /** MIDI pitch, fractional allowed */
  pitch: number;
  /** MIDI velocity 1..127 */
  velocity: number;
  /** seconds the key is held; the release follows */
  holdSeconds: number;
  /** seconds after the release (default: the model's training release) */
  releaseSeconds?: number;
  /** seeds the noise component */
  seed?: number;
}

export interface Encoded {
  /** the posterior mean: the sound's point in the latent space */
  mu: Float32Array;
  logVar: Float32Array;
}

export const MAX_RENDER_SECONDS = 60;

export class TimbreVae {
  private disposed = false;

  constructor(
    readonly name: string,
    readonly config: VaeConfig,
    private readonly weights: VaeWeights,
    readonly weightsHash: string,
  ) {}

  /** @throws AleaError 'model' when the folder is not a timbre VAE */
  static fromLoaded(loaded: Pick<LoadedModel, 'config' | 'weights' | 'weightsHash' | 'card'>): TimbreVae {
    const parsed = VaeConfigSchema.safeParse(loaded.config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AleaError('model', `config.json is not a timbre VAE's (${issue?.path.join('.')}: ${issue?.message})`);
    }
    const config = parsed.data;
    const needed = [`encoder.${config.encoderHidden.length}.w`, `decoder.${config.decoderHidden.length}.w`];
    for (const name of needed) if (!(name in loaded.weights)) throw new AleaError('model', `the VAE's weights lack '${name}'`);
    return new TimbreVae(loaded.card.name, config, loaded.weights, loaded.weightsHash);
  }

  /** Freshly initialised weights: for speed measurements, where the weights do not matter. */
  static untrained(config: VaeConfig, seed = 1): TimbreVae {
    return new TimbreVae('untrained', config, createVaeVariables(config, seed), 'none');
  }

  get latentDim(): number {
    return this.config.latentDim;
  }

  /** Samples at the model's rate, starting at the onset; cut or padded to one training note. */
  encode(samples: Float32Array, pitch: number): Encoded {
    return this.encodeMany([{ samples, pitch }])[0];
  }

  encodeMany(notes: { samples: Float32Array; pitch: number }[]): Encoded[] {
    this.assertUsable();
    if (notes.length === 0) return [];
    const { config } = this;
    const fe = spectralFrontEnd(config);
    const length = Math.round((config.holdSeconds + config.releaseSeconds) * config.sampleRate);
    const size = encoderInputSize(config);
    const inputs = new Float32Array(notes.length * size);
    const padded = new Float32Array(length);
    notes.forEach((note, i) => {
      padded.fill(0);
      padded.set(note.samples.subarray(0, length));
      encoderInput(config, logMelFrames(fe, padded), note.pitch, inputs, i * size);
    });
    const [mu, logVar] = tf.tidy(() => {
      const posterior = encode(this.weights, config, tf.tensor2d(inputs, [notes.length, size]));
      return [posterior.mu, posterior.logVar];
    });
    const muValues = Float32Array.from(mu.dataSync());
    const logVarValues = Float32Array.from(logVar.dataSync());
    tf.dispose([mu, logVar]);
    const d = config.latentDim;
    return notes.map((_, i) => ({ mu: muValues.slice(i * d, (i + 1) * d), logVar: logVarValues.slice(i * d, (i + 1) * d) }));
  }

  /** The synth's frame controls for a latent point played as `options` says. */
  controls(latent: Float32Array, options: RenderOptions): FrameControls {
    this.assertUsable();
    const { config } = this;
    checkRender(config, latent, options);
    const frames = spectralFrontEnd(config).plan.frameCount(this.renderLength(options));
    const frameIds = Array.from({ length: frames }, (_, t) => t);
    const cond = conditioningRows(config, options.pitch, options.velocity, options.holdSeconds, frameIds);
    const latentRows = new Float32Array(frames * config.latentDim);
    for (let t = 0; t < frames; t++) latentRows.set(latent, t * config.latentDim);
    const width = PITCH_FEATURES + TIME_FEATURES + VELOCITY_FEATURES;
    const [harmonic, noise] = tf.tidy(() => {
      const c = decode(this.weights, config, tf.tensor2d(latentRows, [frames, config.latentDim]), tf.tensor2d(cond, [frames, width]));
      return [c.harmonicPower, c.noisePower];
    });
    const controls = { frames, harmonicPower: Float32Array.from(harmonic.dataSync()), noisePower: Float32Array.from(noise.dataSync()) };
    tf.dispose([harmonic, noise]);
    return controls;
  }

  /** Mono audio at config.sampleRate: hold + release seconds long. */
  render(latent: Float32Array, options: RenderOptions): Float32Array {
    return synthesize(this.config, this.controls(latent, options), options.pitch, this.renderLength(options), options.seed ?? 0);
  }

  renderLength(options: Pick<RenderOptions, 'holdSeconds' | 'releaseSeconds'>): number {
    return Math.round((options.holdSeconds + (options.releaseSeconds ?? this.config.releaseSeconds)) * this.config.sampleRate);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose(Object.values(this.weights));
  }

  private assertUsable(): void {
    if (this.disposed) throw new AleaError('failure', 'this timbre VAE has been disposed');
  }
}

function checkRender(config: VaeConfig, latent: Float32Array, options: RenderOptions): void {
  if (latent.length !== config.latentDim) throw new AleaError('bad-input', `a latent of ${latent.length} values reached a VAE with ${config.latentDim}`);
  for (const v of latent) if (!Number.isFinite(v)) throw new AleaError('bad-input', 'the latent holds a value that is not a finite number');
  const { pitch, velocity, holdSeconds } = options;
  if (!(pitch >= 0 && pitch <= 127)) throw new AleaError('bad-input', `pitch ${pitch} is outside MIDI 0..127`);
  if (!(velocity >= 1 && velocity <= 127)) throw new AleaError('bad-input', `velocity ${velocity} is outside 1..127`);
  const release = options.releaseSeconds ?? config.releaseSeconds;
  if (!(holdSeconds > 0 && release >= 0 && holdSeconds + release <= MAX_RENDER_SECONDS)) {
    throw new AleaError('bad-input', `a note of ${holdSeconds} s held + ${release} s release is outside 0..${MAX_RENDER_SECONDS} s`);
  }
}
