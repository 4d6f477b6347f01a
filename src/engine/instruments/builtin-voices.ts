/**
 * The Sampler's built-in sets as zones: its voice names a set ('sampler' + settings) and the
 * engine synthesises the samples (dsp/multisample.ts) at the rate it plays them, only for the
 * roots a track needs. Zone ranges follow the nearest-root rule, so every pitch plays the root
 * it always has.
 */
import type { SamplerSettings, SamplerSound } from '../../plugins/builtin/sampler.ts';
import type { SampleZone } from '../../plugins/types.ts';
import { nearestRoot, rootSample, rootSampleInSteps, sampleRoots } from '../dsp/multisample.ts';
import type { Pause } from '../task-steps.ts';
import type { MultisampleVoice, VoiceContext } from './voice.ts';

/** Each root's pitch range under the nearest-root rule. */
function rootRanges(sound: SamplerSound): Map<number, [number, number]> {
  const ranges = new Map<number, [number, number]>();
  for (let pitch = 0; pitch < 128; pitch++) {
    const root = nearestRoot(sound, pitch);
    const range = ranges.get(root);
    if (range === undefined) ranges.set(root, [pitch, pitch]);
    else range[1] = pitch;
  }
  return ranges;
}

/** The roots a track of these pitches plays (all of the set's when none are given). */
function neededRoots(sound: SamplerSound, pitches: readonly number[] | undefined): Set<number> {
  return pitches === undefined ? new Set(sampleRoots(sound)) : new Set(pitches.map((p) => nearestRoot(sound, p)));
}

/** Synthesises (and caches) the roots `samplerVoice` will take, pausing within and between them: each is tens of ms. */
export async function warmSamplerRoots(settings: SamplerSettings, context: VoiceContext, pause: Pause): Promise<void> {
  for (const root of neededRoots(settings.sound, context.pitches)) {
    await rootSampleInSteps(settings.sound, root, context.sampleRate, pause);
    await pause();
  }
}

export function samplerVoice(settings: SamplerSettings, context: VoiceContext): MultisampleVoice {
  const { sound } = settings;
  const needed = neededRoots(sound, context.pitches);
  const zones: SampleZone[] = [];
  for (const [root, [lo, hi]] of rootRanges(sound)) {
    if (!needed.has(root)) continue;
    zones.push({ rootPitch: root, loPitch: lo, hiPitch: hi, loVelocity: 0, hiVelocity: 127, channels: [rootSample(sound, root, context.sampleRate)] });
  }
  return {
    kind: 'multisample',
    sampleRate: context.sampleRate,
    zones,
    attack: settings.attack,
    release: settings.release,
    volumeDb: settings.volume,
    oneShot: sound === 'drums',
  };
}
