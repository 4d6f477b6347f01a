export * from './biquad.ts';
export * from './envelope.ts';
export * from './wavetable.ts';
export * from './partials.ts';
export * from './pitched-sounds.ts';
export * from './drum-sounds.ts';
export * from './multisample.ts';
