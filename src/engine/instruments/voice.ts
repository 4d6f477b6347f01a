/**
 * The voices the engine plays, live (Tone.js) and offline from the same data: a 'synth' voice is
 * the poly-synth's oscillator, ADSR and filter; a 'multisample' voice is a set of sample zones,
 * so any instrument that can produce samples (a SoundFont, a model-driven synth built in a
 * worker) plugs in without engine edits.
 */
import type { Pause } from '../task-steps.ts';
import type { PolySynthSettings } from '../../plugins/builtin/poly-synth.ts';
import type { PluginContext, SampleZone } from '../../plugins/types.ts';

export type { SampleZone } from '../../plugins/types.ts';

export interface SynthVoice {
  kind: 'synth';
  settings: PolySynthSettings;
}

/**
 * Every sampled voice as the engine plays it: an instrument's 'multisample' voice as it is, the
 * Sampler's built-in sets ('sampler') with their zones synthesised (see builtin-voices.ts).
 */
export interface MultisampleVoice {
  kind: 'multisample';
  sampleRate: number;
  zones: SampleZone[];
  /** seconds of fade-in per note */
  attack: number;
  /** seconds of fade-out after note off */
  release: number;
  /** instrument volume, dB */
  volumeDb: number;
  /** notes ring out whatever their length (drum hits) */
  oneShot: boolean;
}

/** A voice the engine can play: what resolveVoice turns any instrument's InstrumentVoice into. */
export type PlayableVoice = SynthVoice | MultisampleVoice;

/** What the engine tells an instrument when it asks for a voice. */
export interface VoiceContext {
  /** the sample rate the voice will play at (live: the AudioContext's; offline: the render's) */
  sampleRate: number;
  /** the pitches the track will play, so a voice may build only the zones it needs */
  pitches?: readonly number[];
  /** what the host gives plugins here (models, abort), passed on to `createVoice` */
  plugin?: PluginContext;
  /** live playback: yields between costly steps (synthesising a built-in set's samples) */
  pause?: Pause;
}

/**
 * The zone that plays a note: the first whose pitch and velocity ranges hold it, else the zone
 * whose root is nearest (so no note is ever dropped). `velocity` is MIDI 0..127.
 */
export function zoneFor(zones: readonly SampleZone[], pitch: number, velocity: number): SampleZone | undefined {
  const midi = Math.round(pitch);
  const v = Math.round(velocity);
  const hit = zones.find((z) => midi >= z.loPitch && midi <= z.hiPitch && v >= z.loVelocity && v <= z.hiVelocity);
  if (hit !== undefined) return hit;
  let best: SampleZone | undefined;
  for (const zone of zones) if (best === undefined || Math.abs(zone.rootPitch - midi) < Math.abs(best.rootPitch - midi)) best = zone;
  return best;
}

const monoCache = new WeakMap<SampleZone, Float32Array>();

/** A zone's sample as one channel (the mean of its channels), computed once per zone. */
export function zoneMono(zone: SampleZone): Float32Array {
  if (zone.channels.length === 1) return zone.channels[0];
  let mono = monoCache.get(zone);
  if (mono === undefined) {
    const length = Math.min(...zone.channels.map((c) => c.length));
    mono = new Float32Array(length);
    for (const channel of zone.channels) for (let i = 0; i < length; i++) mono[i] += channel[i] / zone.channels.length;
    monoCache.set(zone, mono);
  }
  return mono;
}
