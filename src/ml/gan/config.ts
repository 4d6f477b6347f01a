/**
 * Everything needed to rebuild a style GAN: the spectral front end, the styles it knows (their
 * order is the conditioning index) and the network sizes. Saved as the model folder's
 * config.json, so changing a default here never changes a shipped model.
 */
import { z } from 'zod';
import { REMIX_STYLES } from '../../core/soundfont/styles.ts';

const styleSchema = z.object({
  name: z.string().min(1),
  melody: z.number().int().min(0).max(127),
  accompaniment: z.number().int().min(0).max(127),
});

export const GanConfigSchema = z.object({
  family: z.literal('gan'),
  sampleRate: z.number().int().min(8000).max(48000),
  /** STFT size and hop of the spectrograms the model reads and writes */
  nFft: z.number().int().min(256).max(2048),
  hop: z.number().int().min(32).max(1024),
  /** mel bands: the model's channels in and out */
  nMels: z.number().int().min(16).max(256),
  /** mel magnitudes below this are raised to it before the log */
  magnitudeFloor: z.number().positive(),
  /** feature = (ln(max(mel, floor)) − featureOffset) / featureScale */
  featureOffset: z.number(),
  featureScale: z.number().positive(),
  styles: z.array(styleSchema).min(2),
  generator: z.object({
    channels: z.number().int().min(4),
    /** one residual block per dilation (kernel 3 in time) */
    dilations: z.array(z.number().int().min(1)).min(1),
    /** kernel of the input and output convolutions */
    edgeKernel: z.number().int().min(1).max(15),
  }),
  discriminator: z.object({
    channels: z.number().int().min(4),
    /** one convolution per dilation after the first (kernel 3 in time) */
    dilations: z.array(z.number().int().min(1)),
    edgeKernel: z.number().int().min(1).max(15),
  }),
});

export type GanConfig = z.infer<typeof GanConfigSchema>;

export const DEFAULT_GAN_CONFIG: GanConfig = {
  family: 'gan',
  sampleRate: 16000,
  nFft: 1024,
  hop: 256,
  nMels: 80,
  magnitudeFloor: 1e-3,
  featureOffset: -2,
  featureScale: 3,
  styles: REMIX_STYLES.map((s) => ({ ...s })),
  generator: { channels: 128, dilations: [1, 2, 4, 8], edgeKernel: 5 },
  discriminator: { channels: 64, dilations: [2, 4], edgeKernel: 5 },
};

/** Frames either side of a frame that reach the generator's output there (its half receptive field). */
export function generatorReach(config: GanConfig): number {
  const edge = config.generator.edgeKernel - 1;
  return edge + config.generator.dilations.reduce((sum, d) => sum + d, 0);
}
