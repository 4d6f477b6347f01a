import type { Song } from '../../../core/music/types.ts';
import type { GridTokenizerConfig } from './grid-tokenizer.ts';
import type { RemiTokenizerConfig } from './remi-vocab.ts';
import type { TrackSelection } from './track-selection.ts';
import type { Vocab } from './vocab.ts';

export type TokenizerConfig = RemiTokenizerConfig | GridTokenizerConfig;

/** What the data pipeline, the model and the sampler need from a tokenizer. */
export interface MusicTokenizer {
  readonly config: TokenizerConfig;
  readonly vocab: Vocab;
  readonly pad: number;
  readonly bos: number;
  readonly eos: number;
  /** MIDI pitch of the first Pitch id, and the pitch range with ids (Pitch ids are contiguous) */
  readonly minPitch: number;
  readonly maxPitch: number;
  /** token family counted as one unit for per-unit NLL: 'Pitch' (a note) or 'StepEnd' (a step) */
  readonly unitFamily: string;
  /** token family that starts a bar (REMI) or a step (grid): windows start there */
  readonly boundaryFamily: string;
  encode(song: Song, selection: TrackSelection): number[];
  decode(ids: readonly number[]): Song;
  /** The sequence from `index` (a boundary) on, with what it needs in front to read on its own. */
  cropAt(ids: readonly number[], index: number): number[];
}

/** id of the Pitch token of a MIDI pitch, or undefined when it has none. */
export function pitchId(tokenizer: MusicTokenizer, pitch: number): number | undefined {
  if (pitch < tokenizer.minPitch || pitch > tokenizer.maxPitch) return undefined;
  return tokenizer.vocab.family('Pitch').first + pitch - tokenizer.minPitch;
}

/** MIDI pitch of an id, or undefined when the id is not a Pitch token. */
export function pitchOfId(tokenizer: MusicTokenizer, id: number): number | undefined {
  const f = tokenizer.vocab.family('Pitch');
  return id >= f.first && id < f.first + f.size ? tokenizer.minPitch + id - f.first : undefined;
}

/** Indices of `ids` where a window may start: BOS, and every boundary token. */
export function boundaries(tokenizer: MusicTokenizer, ids: readonly number[]): number[] {
  const out: number[] = [];
  const f = tokenizer.vocab.family(tokenizer.boundaryFamily);
  ids.forEach((id, i) => {
    if (id === tokenizer.bos || (id >= f.first && id < f.first + f.size)) out.push(i);
  });
  return out;
}
