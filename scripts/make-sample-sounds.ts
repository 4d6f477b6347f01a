/**
 * Synthesises Alea's demo sounds into samples/ (44.1 kHz, 16-bit mono, each ≤ 2 s) with
 * classic techniques, so the project ships sounds it made itself. Seeded: running it again
 * writes the same bytes. samples/SOUNDS.md says how each one is made.
 *
 *   npx tsx scripts/make-sample-sounds.ts [out-dir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { prepareForExport, writeWav } from '../src/core/audio/index.ts';
import { ALEA_VERSION, type Provenance } from '../src/core/provenance.ts';

const RATE = 44100;
const GENERATOR = `Alea ${ALEA_VERSION} scripts/make-sample-sounds.ts`;

const midiToHz = (midi: number): number => 440 * 2 ** ((midi - 69) / 12);

/** Linear fade-in and fade-out so no sound starts or stops with a click. */
function fade(samples: Float32Array, inSeconds: number, outSeconds: number): Float32Array {
  const fadeIn = Math.round(inSeconds * RATE);
  const fadeOut = Math.round(outSeconds * RATE);
  for (let i = 0; i < fadeIn; i++) samples[i] *= i / fadeIn;
  for (let i = 0; i < fadeOut; i++) samples[samples.length - 1 - i] *= i / fadeOut;
  return samples;
}

/** Topology-preserving state-variable filter (Zavalishin): low-pass and band-pass outputs. */
class StateVariableFilter {
  private ic1 = 0;
  private ic2 = 0;

  /** Processes one sample at cutoff `hz` and resonance `q`; returns [low, band]. */
  step(input: number, hz: number, q: number): [number, number] {
    const g = Math.tan((Math.PI * Math.min(hz, RATE * 0.45)) / RATE);
    const k = 1 / q;
    const a1 = 1 / (1 + g * (g + k));
    const a2 = g * a1;
    const a3 = g * a2;
    const v3 = input - this.ic2;
    const v1 = a1 * this.ic1 + a2 * v3;
    const v2 = this.ic2 + a2 * this.ic1 + a3 * v3;
    this.ic1 = 2 * v1 - this.ic1;
    this.ic2 = 2 * v2 - this.ic2;
    return [v2, v1];
  }
}

/** Band-limited sawtooth step (PolyBLEP) at phase t ∈ [0, 1) advancing by dt per sample. */
function sawSample(t: number, dt: number): number {
  let value = 2 * t - 1;
  if (t < dt) {
    const x = t / dt;
    value -= x + x - x * x - 1;
  } else if (t > 1 - dt) {
    const x = (t - 1) / dt;
    value -= x * x + x + x + 1;
  }
  return value;
}

/** Karplus–Strong plucked string: one period of excitation circulating in a damped, tuned delay line. */
function pluck(midi: number, seconds: number, seed: number): Float32Array {
  const random = seedrandom.alea(String(seed));
  const out = new Float32Array(Math.round(seconds * RATE));
  // The two-point average adds half a sample of delay; a first-order all-pass tunes the fraction.
  const period = RATE / midiToHz(midi) - 0.5;
  const length = Math.floor(period - 0.1);
  const fraction = period - length;
  const allpass = (1 - fraction) / (1 + fraction);
  // Excitation: the triangle a string takes when plucked a quarter along (a strong fundamental),
  // roughened with low-passed noise, its mean removed so the string holds no offset.
  const line = new Float32Array(length);
  let smoothed = 0;
  for (let i = 0; i < length; i++) {
    const x = i / length;
    const triangle = x < 0.25 ? x / 0.25 : (1 - x) / 0.75;
    smoothed += 0.5 * (random() * 2 - 1 - smoothed);
    line[i] = triangle + 0.5 * smoothed;
  }
  const mean = line.reduce((a, b) => a + b, 0) / length;
  for (let i = 0; i < length; i++) line[i] -= mean;
  let index = 0;
  let previousIn = 0;
  let previousOut = 0;
  let last = 0;
  for (let n = 0; n < out.length; n++) {
    const current = line[index];
    const averaged = 0.996 * 0.5 * (current + last);
    last = current;
    const tuned = allpass * averaged + previousIn - allpass * previousOut;
    previousIn = averaged;
    previousOut = tuned;
    line[index] = tuned;
    out[n] = current;
    index = (index + 1) % length;
  }
  return fade(out, 0.002, 0.05);
}

/** Chowning-style FM bell: carrier : modulator 1 : 1.4 (inharmonic), index and level decaying. */
function bell(midi: number, seconds: number): Float32Array {
  const carrier = midiToHz(midi);
  const modulator = carrier * 1.4;
  return fade(
    Float32Array.from({ length: Math.round(seconds * RATE) }, (_, n) => {
      const t = n / RATE;
      const index = 7 * Math.exp(-t / 0.5) + 0.5;
      return Math.exp(-t / 0.7) * Math.sin(2 * Math.PI * carrier * t + index * Math.sin(2 * Math.PI * modulator * t));
    }),
    0.001,
    0.1,
  );
}

/** Three detuned sawtooths through a resonant low-pass whose cutoff swells and settles. */
function pad(midi: number, seconds: number): Float32Array {
  const frequencies = [-7, 0, 7].map((cents) => midiToHz(midi) * 2 ** (cents / 1200));
  const phases = [0, 0.33, 0.67];
  const filter = new StateVariableFilter();
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let n = 0; n < out.length; n++) {
    const t = n / RATE;
    let mix = 0;
    for (let v = 0; v < 3; v++) {
      const dt = frequencies[v] / RATE;
      mix += sawSample(phases[v], dt) / 3;
      phases[v] = (phases[v] + dt) % 1;
    }
    const swell = t < 0.8 ? t / 0.8 : Math.exp(-(t - 0.8) / 0.6);
    const [low] = filter.step(mix, 300 + 2200 * swell, 2);
    const level = Math.min(1, t / 0.4) * Math.min(1, (seconds - t) / 0.4);
    out[n] = low * level;
  }
  return out;
}

/** Saw plus a sine at the fundamental (weight), through a low-pass that closes quickly after the attack. */
function bass(midi: number, seconds: number): Float32Array {
  const f = midiToHz(midi);
  const filter = new StateVariableFilter();
  const out = new Float32Array(Math.round(seconds * RATE));
  let phase = 0;
  for (let n = 0; n < out.length; n++) {
    const t = n / RATE;
    const dt = f / RATE;
    const source = 0.6 * sawSample(phase, dt) + 0.7 * Math.sin(2 * Math.PI * phase);
    phase = (phase + dt) % 1;
    const [low] = filter.step(source, 120 + 1400 * Math.exp(-t / 0.12), 1.4);
    out[n] = low * Math.exp(-t / 0.8);
  }
  return fade(out, 0.003, 0.08);
}

/** Additive flute: a few harmonics with delayed vibrato, plus breath noise band-passed near 2 kHz. */
function flute(midi: number, seconds: number, seed: number): Float32Array {
  const random = seedrandom.alea(String(seed));
  const f = midiToHz(midi);
  const harmonics = [1, 0.45, 0.22, 0.1, 0.05, 0.03];
  const breath = new StateVariableFilter();
  const out = new Float32Array(Math.round(seconds * RATE));
  let phase = 0;
  for (let n = 0; n < out.length; n++) {
    const t = n / RATE;
    const vibrato = 1 + 0.006 * Math.min(1, Math.max(0, (t - 0.3) / 0.4)) * Math.sin(2 * Math.PI * 5 * t);
    phase += (f * vibrato) / RATE;
    let tone = 0;
    harmonics.forEach((a, h) => (tone += a * Math.sin(2 * Math.PI * (h + 1) * phase)));
    const [, noise] = breath.step(random() * 2 - 1, 2000, 0.8);
    const level = Math.min(1, t / 0.08) * Math.min(1, (seconds - t) / 0.15);
    // Breath is strongest in the attack, then settles under the tone.
    const breathLevel = 0.12 + 0.3 * Math.exp(-t / 0.06);
    out[n] = level * (0.6 * tone + breathLevel * noise);
  }
  return out;
}

interface SampleSound {
  file: string;
  make: () => Float32Array;
  params: Record<string, string | number>;
  seed: number;
}

const SOUNDS: SampleSound[] = [
  { file: 'pluck-c4.wav', make: () => pluck(60, 1.5, 1), params: { method: 'karplus-strong', midi: 60 }, seed: 1 },
  { file: 'bell-c5.wav', make: () => bell(72, 2), params: { method: 'fm 1:1.4', midi: 72 }, seed: 0 },
  { file: 'pad-a3.wav', make: () => pad(57, 2), params: { method: 'detuned saws + svf', midi: 57 }, seed: 0 },
  { file: 'bass-c2.wav', make: () => bass(36, 1.5), params: { method: 'saw + sine + svf', midi: 36 }, seed: 0 },
  { file: 'flute-g4.wav', make: () => flute(67, 1.8, 5), params: { method: 'additive + breath', midi: 67 }, seed: 5 },
];

function main(): void {
  const outDir = process.argv[2] ?? 'samples';
  mkdirSync(outDir, { recursive: true });
  for (const sound of SOUNDS) {
    const audio = prepareForExport({ sampleRate: RATE, channels: [sound.make()] }, { ceilingDb: -1, normalize: true });
    const provenance: Provenance = { generator: GENERATOR, seed: sound.seed, params: sound.params };
    const bytes = writeWav(audio, { bitDepth: 16, provenance, dither: true });
    writeFileSync(join(outDir, sound.file), bytes);
    console.log(`${sound.file}: ${(bytes.byteLength / 1024).toFixed(0)} KB`);
  }
}

main();
