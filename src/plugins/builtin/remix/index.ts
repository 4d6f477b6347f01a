export * from './descriptor.ts';
export * from './remix-model.ts';
export { remixPlugin, remixSettings, type RemixSettings } from './plugin.ts';
export { RemixProcessor } from './processor.ts';
export { StreamResampler } from './stream-resampler.ts';
