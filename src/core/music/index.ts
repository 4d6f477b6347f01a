export type * from './types.ts';
export * from './tempo-map.ts';
export * from './song.ts';
export * from './song-edit.ts';
export * from './validate-song.ts';
export * from './key.ts';
export * from './quantize.ts';
export { MAX_MIDI_BYTES, checkMidiContainer, type MidiContainer } from './midi-container.ts';
export { PROVENANCE_PREFIX, bpmFromMicroseconds, readMidi, readMidiProvenance, songProvenance, writeMidi } from './midi-io.ts';
