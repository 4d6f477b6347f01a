import { GridTokenizer } from './grid-tokenizer.ts';
import { RemiTokenizer } from './remi-tokenizer.ts';
import type { MusicTokenizer, TokenizerConfig } from './tokenizer.ts';

export function makeTokenizer(config: TokenizerConfig): MusicTokenizer {
  return config.kind === 'grid' ? new GridTokenizer(config) : new RemiTokenizer(config);
}
