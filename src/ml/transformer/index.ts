// The Continue model family (browser-safe: no Node built-ins). Node-only parts: node.ts.
// Where each step lives: README.md.
export * from './tokenizers/vocab.ts';
export * from './tokenizers/remi-vocab.ts';
export * from './tokenizers/tokenizer.ts';
export * from './tokenizers/remi-tokenizer.ts';
export * from './tokenizers/grid-tokenizer.ts';
export * from './tokenizers/make-tokenizer.ts';
export * from './tokenizers/track-selection.ts';
export * from './model/config.ts';
export * from './model/model.ts';
export * from './model/model-loader.ts';
export * from './train/dataset.ts';
export * from './train/transformer-task.ts';
export * from './train/presets.ts';
export * from './decode/sampling.ts';
export * from './decode/constraints.ts';
export * from './decode/kv-cache.ts';
export * from './decode/generate.ts';
export * from './decode/continue-song.ts';
export * from './decode/infill-song.ts';
export * from './decode/register.ts';
export * from './tokenizers/infill-format.ts';
export * from './decode/steps.ts';
export * from './eval/music-stats.ts';
export * from './eval/evaluate.ts';
export * from './train/fine-tune.ts';
