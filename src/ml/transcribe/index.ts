export * from './info.ts';
export * from './model.ts';
export * from './notes.ts';
export * from './prepare-audio.ts';
export * from './seed.ts';
export * from './to-song.ts';
export * from './transcriber.ts';
