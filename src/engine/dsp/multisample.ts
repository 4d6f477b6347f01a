/**
 * The sampler's multisample sets: which root notes each sound holds, which root plays a given
 * pitch (Tone.Sampler's own rule, so playback and export pick the same one), and the cached
 * samples themselves, synthesised on first use.
 */
import type { SamplerSound } from '../../plugins/builtin/sampler.ts';
import { synthesiseDrum } from './drum-sounds.ts';
import { midiToFrequency } from './partials.ts';
import { pitchedSteps, synthesisePitched } from './pitched-sounds.ts';
import type { Pause } from '../task-steps.ts';

/** Pitched sounds hold a root every minor third from A0 to C8, like common piano sample sets. */
const PITCHED_ROOTS: number[] = [];
for (let pitch = 21; pitch <= 108; pitch += 3) PITCHED_ROOTS.push(pitch);

/** The drum kit holds every key of the GM percussion map (and its neighbours). */
const DRUM_KEYS: number[] = [];
for (let pitch = 27; pitch <= 87; pitch++) DRUM_KEYS.push(pitch);

export function sampleRoots(sound: SamplerSound): readonly number[] {
  return sound === 'drums' ? DRUM_KEYS : PITCHED_ROOTS;
}

/** Tone.Sampler's rule: the nearest root, looking above before below at equal distance. */
export function nearestRoot(sound: SamplerSound, pitch: number): number {
  const roots = new Set(sampleRoots(sound));
  const midi = Math.round(pitch);
  for (let interval = 0; interval < 128; interval++) {
    if (roots.has(midi + interval)) return midi + interval;
    if (roots.has(midi - interval)) return midi - interval;
  }
  return sampleRoots(sound)[0];
}

const cache = new Map<string, Float32Array<ArrayBuffer>>();

/** `rootSample`, synthesised with `pause` between its steps (a pitched root is tens of ms of work). */
export async function rootSampleInSteps(sound: SamplerSound, root: number, sampleRate: number, pause: Pause): Promise<Float32Array<ArrayBuffer>> {
  const key = `${sound}:${root}:${sampleRate}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  if (sound === 'drums') return rootSample(sound, root, sampleRate);
  const steps = pitchedSteps(sound, midiToFrequency(root), sampleRate);
  for (;;) {
    const step = steps.next();
    if (step.done === true) {
      // a sample made meanwhile (the sync path) stays the shared one
      const sample = cache.get(key) ?? step.value;
      cache.set(key, sample);
      return sample;
    }
    await pause();
  }
}

/** The sample for one root (mono, at `sampleRate`), synthesised once and then shared. */
export function rootSample(sound: SamplerSound, root: number, sampleRate: number): Float32Array<ArrayBuffer> {
  const key = `${sound}:${root}:${sampleRate}`;
  let sample = cache.get(key);
  if (sample === undefined) {
    sample = sound === 'drums' ? synthesiseDrum(root, sampleRate) : synthesisePitched(sound, midiToFrequency(root), sampleRate);
    cache.set(key, sample);
  }
  return sample;
}
