import { AleaError } from '../../../core/errors.ts';
import { estimateKey, parseKey, type Key } from '../../../core/music/key.ts';
import { appendSong } from '../../../core/music/song-edit.ts';
import type { Song } from '../../../core/music/types.ts';
import { ALEA_VERSION, type Provenance } from '../../../core/provenance.ts';
import { continuationStartTick, continueSongAsync, selectTracks, type TrackSelection } from '../../../ml/transformer/index.ts';
import { validateParams } from '../../params.ts';
import type { ParamValues } from '../../types.ts';
import type { ContinueModel } from './continue-model.ts';
import { REGISTER_MARGINS, continueDescriptor } from './descriptor.ts';
import { emptySeed } from './from-nothing.ts';

export interface ContinueResult {
  /** each = the seed followed by one continuation, in the seed's ppq, tempo and meter */
  variations: Song[];
  /** where the new part starts (the first bar line after the seed) */
  continuationStartTick: number;
  /** one per variation: what to write into its exported files */
  provenance: Provenance[];
}

export interface ContinueRunOptions {
  onProgress?: (fraction: number) => void;
  /** checked between decode steps: aborting stops the sampling loop with an AbortError */
  signal?: AbortSignal;
  /** overrides the `track` param with a name (the CLI's --track NAME) */
  track?: TrackSelection;
}

/**
 * The Continue plugin's one action: several continuations of `seed`, each appended to the seed.
 * Same model + seed song + params (including `seed`) → the same variations.
 */
export async function generateContinuations(
  model: ContinueModel,
  given: Song,
  params: ParamValues,
  options: ContinueRunOptions = {},
): Promise<ContinueResult> {
  options.signal?.throwIfAborted();
  const p = validateParams(params, continueDescriptor.params);
  // from nothing, the seed is an empty song in the asked meter, tempo and key (the given song is not read)
  const fromNothing = p.fromNothing === true;
  const seed = fromNothing ? emptySeed({ meter: String(p.meter), bpm: Number(p.tempo), key: String(p.key), ppq: given.ppq }) : given;
  const track = fromNothing ? model.transformer.config.trackSelection : options.track ?? (p.track === -1 ? model.transformer.config.trackSelection : { index: Number(p.track) });
  if (typeof track === 'object' && 'index' in track && track.index >= seed.tracks.length) {
    throw new AleaError('usage', `track ${track.index} does not exist (the seed has ${seed.tracks.length} tracks)`);
  }
  if (typeof track === 'object' && 'name' in track && !seed.tracks.some((t) => t.name.trim().toLowerCase() === track.name.toLowerCase())) {
    // A track that is not there is a wrong option, whether named or numbered (exit 2 either way).
    const names = seed.tracks.map((t) => JSON.stringify(t.name)).join(', ');
    throw new AleaError('usage', `the seed has no track named "${track.name}" (tracks: ${names || 'none'})`);
  }
  if (!fromNothing && selectTracks(seed, track).length === 0) throw new AleaError('bad-input', 'the seed has no notes in the chosen track(s) to continue');
  const key = resolveKey(String(p.key), seed, track);
  const startTick = continuationStartTick(seed, track);
  const topK = Number(p.topK);
  const continuations = await continueSongAsync(model.transformer, seed, {
    bars: Number(p.bars),
    temperature: Number(p.temperature),
    topK: topK > 0 ? topK : undefined,
    topP: Number(p.topP),
    seed: Number(p.seed),
    variations: Number(p.variations),
    key,
    registerMargin: REGISTER_MARGINS[String(p.register)],
    track,
    onProgress: options.onProgress,
    // checked after every sampled token; the loop also gives the event loop a turn now and then,
    // so a worker sees a cancel message while it samples
    signal: options.signal,
  });
  const variations = continuations.map((c) => appendSong(seed, c, startTick));
  const provenance = variations.map((_, index): Provenance => ({
    generator: `Alea ${ALEA_VERSION} continue`,
    model: { name: model.name, sha256: model.weightsHash },
    seed: Number(p.seed),
    params: {
      bars: Number(p.bars),
      temperature: Number(p.temperature),
      topK,
      topP: Number(p.topP),
      key: String(p.key),
      register: String(p.register),
      ...(fromNothing ? { fromNothing: true, meter: String(p.meter), tempo: Number(p.tempo) } : {}),
      track: typeof track === 'string' ? track : 'index' in track ? track.index : track.name,
      variation: index + 1,
      variations: variations.length,
    },
  }));
  return { variations, continuationStartTick: startTick, provenance };
}

/** The key a `key` param asks for: off, the seed's own ('seed'), or a named key. */
export function resolveKey(choice: string, seed: Song, track: TrackSelection): Key | undefined {
  if (choice === 'off') return undefined;
  if (choice !== 'seed') return parseKey(choice);
  const signature = seed.keySignatures[0];
  if (signature) return { tonic: signature.tonic, mode: signature.mode };
  const estimate = estimateKey(selectTracks(seed, track).flatMap((t) => t.notes));
  return estimate ? { tonic: estimate.tonic, mode: estimate.mode } : undefined;
}
