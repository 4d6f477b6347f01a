export * from './transpose-quantize.ts';
export * from './poly-synth.ts';
export * from './sampler.ts';
export * from './gain.ts';
export { continueDescriptor, KEY_CHOICES, CONTINUE_FAMILY } from './continue/descriptor.ts';
export { continuePlugin } from './continue/plugin.ts';
export * from './latent-synth/index.ts';
export * from './remix/index.ts';
export * from './builtin-registry.ts';
