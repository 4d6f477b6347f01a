/**
 * Band-limited single-cycle waveforms for the four oscillator types, built from the same Fourier
 * series the Web Audio API (and so Tone.Oscillator) uses, keeping only partials below Nyquist,
 * peak-normalised like a PeriodicWave. Tables are cached per (type, partial count).
 */
import { RealFft } from '../../core/dsp/fft.ts';
import type { OscillatorType } from '../../plugins/builtin/poly-synth.ts';

/** Samples per cycle; a power of two so the table comes from one inverse FFT. */
export const TABLE_SIZE = 4096;
const MAX_PARTIALS = TABLE_SIZE / 2 - 1;

/** Sine-series coefficient of partial n (1-based), as in the Web Audio specification. */
function partialAmplitude(type: OscillatorType, n: number): number {
  switch (type) {
    case 'sine':
      return n === 1 ? 1 : 0;
    case 'square':
      return n % 2 === 1 ? 4 / (n * Math.PI) : 0;
    case 'sawtooth':
      return ((n % 2 === 1 ? 1 : -1) * 2) / (n * Math.PI);
    case 'triangle':
      return n % 2 === 1 ? (8 / (n * n * Math.PI * Math.PI)) * (((n - 1) >> 1) % 2 === 1 ? -1 : 1) : 0;
  }
}

let fft: RealFft | undefined;

function buildTable(type: OscillatorType, partials: number): Float64Array {
  fft ??= new RealFft(TABLE_SIZE);
  const re = new Float64Array(TABLE_SIZE / 2 + 1);
  const im = new Float64Array(TABLE_SIZE / 2 + 1);
  // b·sin(2πkn/N) has DFT bin X[k] = −i·b·N/2 (and the inverse scales by 1/N).
  for (let k = 1; k <= partials; k++) im[k] = (-partialAmplitude(type, k) * TABLE_SIZE) / 2;
  const table = new Float64Array(TABLE_SIZE + 1);
  fft.inverse(re, im, table);
  table[TABLE_SIZE] = table[0]; // guard sample: interpolation never wraps
  return table;
}

const normalisers = new Map<OscillatorType, number>();
const tables = new Map<string, Float32Array>();

/** One gain per type so that loudness does not jump between pitches (as a PeriodicWave does). */
function normaliser(type: OscillatorType): number {
  let gain = normalisers.get(type);
  if (gain === undefined) {
    const full = buildTable(type, MAX_PARTIALS);
    let peak = 0;
    for (const v of full) peak = Math.max(peak, Math.abs(v));
    gain = peak > 0 ? 1 / peak : 1;
    normalisers.set(type, gain);
  }
  return gain;
}

/** Number of partials a tone at `frequency` may hold without aliasing. */
export function partialsBelowNyquist(frequency: number, sampleRate: number): number {
  return Math.max(1, Math.min(MAX_PARTIALS, Math.floor(sampleRate / 2 / frequency)));
}

/** A table of TABLE_SIZE + 1 samples (the last repeats the first) for a tone at `frequency`. */
export function wavetableFor(type: OscillatorType, frequency: number, sampleRate: number): Float32Array {
  const partials = type === 'sine' ? 1 : partialsBelowNyquist(frequency, sampleRate);
  const key = `${type}:${partials}`;
  let table = tables.get(key);
  if (table === undefined) {
    const raw = buildTable(type, partials);
    const gain = normaliser(type);
    table = new Float32Array(raw.length);
    for (let i = 0; i < raw.length; i++) table[i] = raw[i] * gain;
    tables.set(key, table);
  }
  return table;
}
