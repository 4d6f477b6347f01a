// The engine's pure part, safe to import anywhere (no Tone.js, no Web Audio).
// Offline render: ./render-node.ts (CLI) or ./render-browser.ts (app). Live playback: ./tone/index.ts.
export * from './project.ts';
export * from './instrument-choice.ts';
export * from './note-events.ts';
export * from './bench-song.ts';
export * from './bench.ts';
export * from './offline/index.ts';
