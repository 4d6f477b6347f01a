// The engine's pure part, safe to import anywhere (no Tone.js, no Web Audio).
// Offline render: ./render-node.ts (CLI) or ./render-browser.ts (app). Live playback: ./tone/index.ts
// (or ./live.ts, which loads it on demand).
export * from './project.ts';
export * from './project-validate.ts';
export * from './project-json.ts';
export * from './project-schema.ts';
export * from './mixer-rules.ts';
export * from './audio-clips.ts';
export * from './track-blend.ts';
export * from './frozen-tracks.ts';
export * from './plugin-lookup.ts';
export * from './instrument-choice.ts';
export * from './instruments/voice.ts';
export * from './instruments/resolve-voice.ts';
export * from './midi-effects.ts';
export * from './note-events.ts';
export * from './bench-song.ts';
export * from './bench.ts';
export * from './offline/index.ts';
export * from './edit/index.ts';
