export * from './transpose-quantize.ts';
export * from './poly-synth.ts';
export * from './sampler.ts';
export * from './builtin-registry.ts';
