/** Measurements the engine tests make on rendered audio. */
import { realFft } from '../../../src/core/dsp/fft.ts';
import { hann } from '../../../src/core/dsp/window.ts';
import { createEmptySong, createTrack } from '../../../src/core/music/song.ts';
import type { Note } from '../../../src/core/music/types.ts';
import { pluginState } from '../../../src/engine/plugin-lookup.ts';
import { midiTrackSetup, type AudioTrackSetup, type InstrumentChoice, type MixerStrip, type Project } from '../../../src/engine/project.ts';
import type { ParamValues } from '../../../src/plugins/types.ts';

/** First sample index whose magnitude reaches `fraction` of the peak. */
export function onsetIndex(samples: Float32Array, fraction = 0.01): number {
  let peak = 0;
  for (const v of samples) peak = Math.max(peak, Math.abs(v));
  return samples.findIndex((v) => Math.abs(v) >= peak * fraction);
}

export function rms(samples: Float32Array, from = 0, to = samples.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i] * samples[i];
  return Math.sqrt(sum / Math.max(1, to - from));
}

/** Largest sample difference (Infinity when lengths differ). */
export function maxDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

export function peak(samples: Float32Array): number {
  let p = 0;
  for (const v of samples) p = Math.max(p, Math.abs(v));
  return p;
}

/** Strongest spectral peak (Hz) of a Hann-windowed, zero-padded segment, parabolically refined. */
export function dominantFrequency(samples: Float32Array, sampleRate: number, from: number, length: number): number {
  const size = 65536;
  const window = hann(length);
  const segment = new Float64Array(size);
  for (let i = 0; i < length; i++) segment[i] = samples[from + i] * window[i];
  const fft = realFft(size);
  const re = new Float64Array(fft.bins);
  const im = new Float64Array(fft.bins);
  fft.forward(segment, re, im);
  const mag = (k: number): number => Math.hypot(re[k], im[k]);
  let best = 1;
  for (let k = 2; k < fft.bins - 1; k++) if (mag(k) > mag(best)) best = k;
  const [a, b, c] = [Math.log(mag(best - 1)), Math.log(mag(best)), Math.log(mag(best + 1))];
  const offset = (0.5 * (a - c)) / (a - 2 * b + c);
  return ((best + offset) * sampleRate) / size;
}

export function synth(params: ParamValues = {}): InstrumentChoice {
  return pluginState('poly-synth', 'instrument', params);
}

export function sampler(params: ParamValues = {}): InstrumentChoice {
  return pluginState('sampler', 'instrument', params);
}

export interface TrackSpec {
  notes: Note[];
  instrument: InstrumentChoice;
  strip?: Partial<MixerStrip>;
  isDrum?: boolean;
}

/** A 120 bpm, ppq 480 project (one beat = 0.5 s) from track specs. */
export function projectOf(tracks: TrackSpec[], masterVolumeDb = 0, audioTracks: AudioTrackSetup[] = []): Project {
  const song = createEmptySong('test', 480, 120);
  song.tracks = tracks.map((t, i) => createTrack(`track ${i}`, { notes: t.notes, isDrum: t.isDrum ?? false }));
  return {
    song,
    tracks: tracks.map((t) => midiTrackSetup(t.instrument, t.strip)),
    audioTracks,
    masterVolumeDb,
  };
}

export function note(pitch: number, startBeat: number, beats: number, velocity = 100): Note {
  return { pitch, velocity, startTick: Math.round(startBeat * 480), endTick: Math.round((startBeat + beats) * 480) };
}
