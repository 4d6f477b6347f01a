import type { Song } from '../../../core/music/types.ts';
import { decodeRemi, type RemiDecoded } from './remi-decode.ts';
import { encodeRemi } from './remi-encode.ts';
import { DEFAULT_REMI_CONFIG, buildRemiVocab, type RemiTokenizerConfig } from './remi-vocab.ts';
import type { MusicTokenizer } from './tokenizer.ts';
import type { TrackSelection } from './track-selection.ts';
import type { Vocab } from './vocab.ts';

/** REMI-style event tokenizer for songs with one or several tracks (see remi-encode.ts for the layout). */
export class RemiTokenizer implements MusicTokenizer {
  readonly config: RemiTokenizerConfig;
  readonly vocab: Vocab;
  readonly pad: number;
  readonly bos: number;
  readonly eos: number;
  readonly minPitch: number;
  readonly maxPitch: number;
  readonly unitFamily = 'Pitch';
  readonly boundaryFamily = 'Bar';

  constructor(config: RemiTokenizerConfig = DEFAULT_REMI_CONFIG) {
    if (config.maxPitch - config.minPitch < 11 || config.minPitch < 0 || config.maxPitch > 127) {
      throw new Error(`REMI pitch range ${config.minPitch}..${config.maxPitch} must span an octave within 0..127`);
    }
    this.config = { ...config };
    this.vocab = buildRemiVocab(config);
    this.pad = this.vocab.id('PAD');
    this.bos = this.vocab.id('BOS');
    this.eos = this.vocab.id('EOS');
    this.minPitch = config.minPitch;
    this.maxPitch = config.maxPitch;
  }

  encode(song: Song, selection: TrackSelection, options: { minBars?: number } = {}): number[] {
    return encodeRemi(song, selection, this.config, this.vocab, options);
  }

  decode(ids: readonly number[]): Song {
    return decodeRemi(ids, this.config, this.vocab).song;
  }

  decodeWithBars(ids: readonly number[]): RemiDecoded {
    return decodeRemi(ids, this.config, this.vocab);
  }

  /**
   * From the Bar at `index` on, with the time signature and tempo in effect written after that
   * Bar when the bar itself does not state them.
   */
  cropAt(ids: readonly number[], index: number): number[] {
    if (index <= 0 || this.vocab.kind(ids[index]) !== 'Bar') return ids.slice(Math.max(0, index));
    const state = this.stateBefore(ids, index);
    let j = index + 1;
    let hasTimeSig = false;
    let hasTempo = false;
    while (j < ids.length) {
      const kind = this.vocab.kind(ids[j]);
      if (kind === 'TimeSig') hasTimeSig = true;
      else if (kind === 'Tempo') hasTempo = true;
      else break;
      j++;
    }
    const head: number[] = [ids[index]];
    if (!hasTimeSig && state.timeSig !== undefined) head.push(state.timeSig);
    if (!hasTempo && state.tempo !== undefined) head.push(state.tempo);
    return [...head, ...ids.slice(index + 1)];
  }

  /** Last TimeSig and Tempo ids before `index`. */
  stateBefore(ids: readonly number[], index: number): { timeSig?: number; tempo?: number } {
    let timeSig: number | undefined;
    let tempo: number | undefined;
    for (let i = 0; i < index; i++) {
      const kind = this.vocab.kind(ids[i]);
      if (kind === 'TimeSig') timeSig = ids[i];
      else if (kind === 'Tempo') tempo = ids[i];
    }
    return { timeSig, tempo };
  }
}
