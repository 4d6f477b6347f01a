/**
 * Everything needed to rebuild a timbre VAE: the spectral front end, the harmonic+noise synth and
 * the network sizes. Saved as the model folder's config.json, so changing a default here never
 * changes a shipped model.
 */
import { z } from 'zod';

export const VaeConfigSchema = z.object({
  family: z.literal('vae'),
  /** audio the model hears and plays, Hz */
  sampleRate: z.number().int().min(8000).max(48000),
  /** analysis/synthesis frame: FFT size and hop, samples */
  nFft: z.number().int().min(256).max(2048),
  hop: z.number().int().min(32).max(1024),
  /** log-mel bands the losses and the encoder see */
  nMels: z.number().int().min(16).max(256),
  /** harmonics the synth plays (those above Nyquist are silent) */
  harmonics: z.number().int().min(1).max(128),
  latentDim: z.number().int().min(2).max(128),
  encoderHidden: z.array(z.number().int().min(8)).min(1),
  decoderHidden: z.array(z.number().int().min(8)).min(1),
  /** the training notes: held this long, then released for releaseSeconds */
  holdSeconds: z.number().positive(),
  releaseSeconds: z.number().nonnegative(),
  /** power floor of the log spectra (relative to a full-scale sine's power of 1) */
  powerFloor: z.number().positive(),
  /** encoder input: mean log-mel over these frame ranges [start, end) of a note */
  encoderSegments: z.array(z.tuple([z.number().int().min(0), z.number().int().min(1)])).min(1),
});

export type VaeConfig = z.infer<typeof VaeConfigSchema>;

export const DEFAULT_VAE_CONFIG: VaeConfig = {
  family: 'vae',
  sampleRate: 16000,
  nFft: 1024,
  hop: 256,
  nMels: 80,
  harmonics: 64,
  latentDim: 32,
  encoderHidden: [512, 256],
  decoderHidden: [512, 512, 512],
  holdSeconds: 1.0,
  releaseSeconds: 0.5,
  // 140 dB under a full-scale sine: far below any note's quietest band worth hearing, so the
  // encoder sees a quiet note's whole range (its features keep 80 dB under the note's peak).
  powerFloor: 1e-14,
  // Short segments at the start (the attack carries most of an instrument's identity), longer
  // ones through the sustain, and the release after frame 62 (1.0 s at hop 256 / 16 kHz).
  encoderSegments: [
    [0, 2],
    [2, 4],
    [4, 8],
    [8, 16],
    [16, 32],
    [32, 48],
    [48, 63],
    [63, 72],
    [72, 94],
  ],
};

/** Frames in a note of `seconds` (centred STFT: one frame per hop plus one). */
export function frameCount(config: VaeConfig, samples: number): number {
  return 1 + Math.floor(samples / config.hop);
}

/** Samples of a whole training note (hold + release). */
export function noteSamples(config: VaeConfig): number {
  return Math.round((config.holdSeconds + config.releaseSeconds) * config.sampleRate);
}

export function encoderInputSize(config: VaeConfig): number {
  return config.encoderSegments.length * config.nMels + PITCH_FEATURES;
}

/** Conditioning features per frame, see conditioning.ts. */
export const PITCH_FEATURES = 7;
export const TIME_FEATURES = 9;
export const VELOCITY_FEATURES = 2;

export function decoderInputSize(config: VaeConfig): number {
  return config.latentDim + PITCH_FEATURES + TIME_FEATURES + VELOCITY_FEATURES;
}

export function decoderOutputSize(config: VaeConfig): number {
  return config.harmonics + config.nMels;
}
