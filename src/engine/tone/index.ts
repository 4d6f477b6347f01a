// Tone.js playback graph. In Node, import this only after 'web-audio-api/polyfill' (see ../render-node.ts).
export * from './tone-instrument.ts';
export * from './synth-instrument.ts';
export * from './multisample-instrument.ts';
export * from './clip-track.ts';
export * from './engine-session.ts';
export * from './create-instrument.ts';
export * from './mixer.ts';
export * from './track-player.ts';
export * from './transport.ts';
export * from './project-player.ts';
export * from './tone-render.ts';
export * from './live-keys.ts';
