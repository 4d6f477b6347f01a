import type { Song } from '../../../src/core/music/types.ts';
import type { TransformerConfig } from '../../../src/ml/transformer/model/config.ts';
import { DEFAULT_REMI_CONFIG, buildRemiVocab } from '../../../src/ml/transformer/tokenizers/remi-vocab.ts';

/** A tiny model config for tests (runs in milliseconds on wasm). */
export function tinyConfig(overrides: Partial<TransformerConfig> = {}): TransformerConfig {
  return {
    family: 'transformer',
    vocabSize: buildRemiVocab(DEFAULT_REMI_CONFIG).size,
    dModel: 32,
    heads: 2,
    layers: 2,
    dFF: 64,
    dropout: 0.1,
    contextLength: 64,
    positional: 'alibi',
    tokenizer: DEFAULT_REMI_CONFIG,
    trackSelection: 'melody',
    ...overrides,
  };
}

/** A one-track 4/4 seed: a C-major scale in eighths over `bars` bars. */
export function scaleSeed(bars: number, ppq = 480): Song {
  const steps = [60, 62, 64, 65, 67, 69, 71, 72];
  const notes = Array.from({ length: bars * 8 }, (_, i) => ({
    pitch: steps[i % 8], velocity: 90, startTick: (i * ppq) / 2, endTick: (i * ppq) / 2 + ppq / 2,
  }));
  return {
    name: 'seed', ppq, keySignatures: [], texts: [], tempos: [{ tick: 0, bpm: 96 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks: [{ name: 'Lead', channel: 3, program: 73, isDrum: false, notes }],
  };
}
