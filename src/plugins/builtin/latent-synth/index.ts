export * from './descriptor.ts';
export * from './sound-data.ts';
export * from './zone-plan.ts';
export * from './build-voice.ts';
export * from './timbre-models.ts';
export { latentSynthPlugin, latentSynthSettings, type LatentSynthSettings } from './plugin.ts';
export * from './latent-map.ts';
