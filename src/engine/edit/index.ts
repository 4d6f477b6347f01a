// Edits a user makes in the workstation, as pure functions on the project's data.
export * from './note-edits.ts';
export * from './clip-edits.ts';
export * from './audio-clip-edits.ts';
export * from './track-edits.ts';
export * from './timing-edits.ts';
export * from './voice-split.ts';
export * from './rack-edits.ts';
