export * from './render-project.ts';
export * from './master.ts';
export * from './synth-track.ts';
export * from './sampler-track.ts';
