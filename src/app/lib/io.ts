/**
 * The file formats the workstation reads and writes, all from `src/core` (the CLI uses the same
 * functions, so a file the app exports is a file the CLI reads, and the other way round).
 */
export { readMidi, writeMidi, TempoMap } from '../../core/music/index.ts';
export { readWav } from '../../core/audio/index.ts';
