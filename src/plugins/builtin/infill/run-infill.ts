/** Infill's `generate`: the request's model loaded through the host, then the rewritten songs. */
import { ALEA_VERSION, type Provenance } from '../../../core/provenance.ts';
import { barStartTick, infillSongAsync } from '../../../ml/transformer/index.ts';
import { validateParams } from '../../params.ts';
import type { GenerateRequest, GeneratedVariation } from '../../types.ts';
import { ContinueModel } from '../continue/continue-model.ts';
import { REGISTER_MARGINS } from '../continue/descriptor.ts';
import { resolveKey } from '../continue/generate-continuations.ts';
import { infillDescriptor } from './descriptor.ts';

export async function runInfill(request: GenerateRequest): Promise<GeneratedVariation[]> {
  const { signal, onProgress } = request;
  const p = validateParams(request.params, infillDescriptor.params);
  const ref = String(p.model);
  onProgress?.({ done: 0, total: 1, message: `Loading ${ref}` });
  const model = await request.models.load(ref, ContinueModel.fromLoaded);
  signal?.throwIfAborted();
  const track = model.transformer.config.trackSelection;
  const fromBar = Number(p.fromBar);
  const toBar = Number(p.toBar);
  const topK = Number(p.topK);
  const songs = await infillSongAsync(model.transformer, request.song, {
    fromBar,
    toBar,
    temperature: Number(p.temperature),
    topK: topK > 0 ? topK : undefined,
    topP: Number(p.topP),
    seed: Number(p.seed),
    variations: Number(p.variations),
    key: resolveKey(String(p.key), request.song, track),
    registerMargin: REGISTER_MARGINS[String(p.register)],
    onProgress: (fraction) => onProgress?.({ done: fraction, total: 1, message: 'Writing' }),
    signal,
  });
  const startTick = barStartTick(request.song, fromBar);
  return songs.map((song, index): GeneratedVariation => {
    const provenance: Provenance = {
      generator: `Alea ${ALEA_VERSION} infill`,
      model: { name: model.name, sha256: model.weightsHash },
      seed: Number(p.seed),
      params: {
        fromBar, toBar, temperature: Number(p.temperature), topK, topP: Number(p.topP),
        key: String(p.key), register: String(p.register), variation: index + 1, variations: songs.length,
      },
    };
    return { song, provenance, startTick };
  });
}
