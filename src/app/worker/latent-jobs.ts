/**
 * Latent Synth's jobs in the ML worker besides building its voice: encode the user's sounds,
 * draw a sound from the flow prior ("surprise me"), score latents' typicality. Kept apart from
 * the worker's message loop so tests run it in Node with any model resolvers.
 */
import { badInput } from '../../core/errors.ts';
import type { FlowPrior } from '../../ml/flow/flow-prior.ts';
import type { TimbreVae } from '../../ml/vae/timbre-vae.ts';
import { buildFlowPrior, buildTimbreVae, encodeSound, flowFitsVae, typicalityOf } from '../../plugins/builtin/latent-synth/index.ts';
import type { ModelResolver } from '../../plugins/types.ts';
import { errorToLine } from '../lib/error-line.ts';
import type { LatentRequest, LatentResultReply, ScoredSound } from './protocol.ts';

export interface LatentJobContext {
  /** the VAE's resolver (shared with the other plugins' models) */
  models: ModelResolver;
  /** the flow's own resolver, so the VAE stays loaded beside it */
  flows: ModelResolver;
  signal?: AbortSignal;
}

type LatentResult = Omit<LatentResultReply, 'kind' | 'id'>;

async function fittingFlow(request: LatentRequest, vae: TimbreVae, flows: ModelResolver): Promise<{ flow: FlowPrior | null; note: string | null }> {
  if (request.flow === null) return { flow: null, note: 'no flow model installed' };
  try {
    const flow = await flows.load(request.flow, buildFlowPrior);
    if (!flowFitsVae(flow, vae)) return { flow: null, note: `flow '${request.flow}' learned another VAE's latents than '${request.model}'` };
    return { flow, note: null };
  } catch (error) {
    return { flow: null, note: errorToLine(error) };
  }
}

export async function runLatentJob(request: LatentRequest, context: LatentJobContext): Promise<LatentResult> {
  const { signal } = context;
  signal?.throwIfAborted();
  const vae = await context.models.load(request.model, buildTimbreVae);
  const { flow, note } = await fittingFlow(request, vae, context.flows);
  const score = (latent: number[]): ScoredSound['typicality'] => (flow === null ? null : typicalityOf(flow, [latent])[0]);
  const { job } = request;
  switch (job.kind) {
    case 'encode':
      return {
        flowNote: note,
        sounds: job.sounds.map(({ name, audio }) => {
          signal?.throwIfAborted();
          const { sound, warnings } = encodeSound(vae, audio, name);
          return { sound, warnings, typicality: score(sound.latent) };
        }),
      };
    case 'sample': {
      if (flow === null) throw badInput(`cannot draw a sound: ${note ?? 'no flow model'}`);
      const [latent] = flow.sample(1, job.seed, job.temperature);
      const values = Array.from(latent);
      return { flowNote: null, sounds: [{ sound: { name: `surprise ${job.seed}`, latent: values }, warnings: [], typicality: score(values) }] };
    }
    case 'score':
      return { flowNote: note, sounds: job.latents.map((latent, i) => ({ sound: { name: `point ${i + 1}`, latent }, warnings: [], typicality: score(latent) })) };
  }
}
