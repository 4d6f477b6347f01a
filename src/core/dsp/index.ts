export * from './fft.ts';
export * from './griffin-lim.ts';
export * from './mel.ts';
export * from './pitch.ts';
export * from './stft.ts';
export * from './window.ts';
export * from './chroma.ts';
export * from './sustain-loop.ts';
