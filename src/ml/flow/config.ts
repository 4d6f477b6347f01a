/**
 * A RealNVP flow (Dinh et al. 2017) over a VAE's latents: saved as config.json of its own model
 * folder, tied to the VAE whose latents it learned by that model's weight hash.
 */
import { z } from 'zod';

export const FlowConfigSchema = z.object({
  family: z.literal('flow'),
  dim: z.number().int().min(2).max(256),
  couplings: z.number().int().min(1).max(32),
  hidden: z.number().int().min(4).max(1024),
  /** tanh bound on the log-scale of each coupling: keeps exp() tame early in training */
  maxLogScale: z.number().positive(),
  /** the VAE model (name and weight hash) whose latents this flow models */
  vae: z.object({ name: z.string(), weightsHash: z.string() }),
  /**
   * log p(z) of the training latents at percentiles 0, 1, …, 100: a user's sound is scored by
   * where its log-likelihood falls among them.
   */
  logProbPercentiles: z.array(z.number()).length(101),
});

export type FlowConfig = z.infer<typeof FlowConfigSchema>;

export function defaultFlowConfig(dim: number, vae: FlowConfig['vae']): FlowConfig {
  return { family: 'flow', dim, couplings: 8, hidden: 128, maxLogScale: 3, vae, logProbPercentiles: new Array<number>(101).fill(0) };
}

/**
 * Which half of the dimensions coupling i leaves unchanged (1) and transforms (0): alternating
 * even/odd and low/high halves, so every dimension is conditioned on every other within 4 layers.
 */
export function couplingMask(dim: number, i: number): Float32Array {
  const mask = new Float32Array(dim);
  for (let d = 0; d < dim; d++) {
    const keep = i % 4 < 2 ? d % 2 === 0 : d < dim / 2;
    mask[d] = (i % 2 === 0) === keep ? 1 : 0;
  }
  return mask;
}
