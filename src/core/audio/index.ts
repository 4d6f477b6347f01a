export * from './audio-data.ts';
export * from './levels.ts';
export * from './limiter.ts';
export * from './resample.ts';
export { buildRiff, walkRiff, type ChunkToWrite, type RiffChunk, type RiffWalk } from './riff.ts';
export { MAX_CHANNELS, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE, type SampleFormat } from './wav-format.ts';
export * from './wav-read.ts';
export * from './wav-write.ts';
export * from './note-frontend.ts';
