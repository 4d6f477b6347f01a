/** Continue's `generate`: the request's model loaded through the host, then the continuations. */
import { parseTrackSelection } from '../../../ml/transformer/index.ts';
import { validateParams } from '../../params.ts';
import type { GenerateRequest, GeneratedVariation } from '../../types.ts';
import { ContinueModel } from './continue-model.ts';
import { continueDescriptor } from './descriptor.ts';
import { generateContinuations } from './generate-continuations.ts';

export async function runContinue(request: GenerateRequest): Promise<GeneratedVariation[]> {
  const { signal, onProgress } = request;
  const params = validateParams(request.params, continueDescriptor.params);
  const ref = String(params.model);
  onProgress?.({ done: 0, total: 1, message: `Loading ${ref}` });
  const model = await request.models.load(ref, ContinueModel.fromLoaded);
  signal?.throwIfAborted();
  onProgress?.({ done: 0, total: 1, message: 'Writing' });
  const result = await generateContinuations(model, request.song, params, {
    signal,
    onProgress: (fraction) => onProgress?.({ done: fraction, total: 1, message: 'Writing' }),
    ...(request.trackName !== undefined ? { track: parseTrackSelection(request.trackName) } : {}),
  });
  return result.variations.map((song, i) => ({
    song,
    provenance: result.provenance[i] ?? { generator: 'Alea continue' },
    startTick: result.continuationStartTick,
  }));
}
