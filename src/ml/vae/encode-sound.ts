/**
 * A user's sound → its point in the timbre space: the core front end (mono, onset, pitch,
 * resampling) then the encoder. A sound with no clear pitch is still encoded, at a neutral
 * pitch, and says so.
 */
import type { AudioData } from '../../core/audio/audio-data.ts';
import { prepareNote } from '../../core/audio/note-frontend.ts';
import type { TimbreVae } from './timbre-vae.ts';

/** Where a pitchless sound is placed: middle C. */
export const NEUTRAL_PITCH = 60;

export interface EncodedSound {
  latent: Float32Array;
  /** detected MIDI pitch, or null */
  pitch: number | null;
  /** the pitch the encoder was told (detected, else NEUTRAL_PITCH) */
  encodedAtPitch: number;
  onsetSeconds: number;
  warnings: string[];
}

export function encodeSound(vae: TimbreVae, audio: AudioData, file?: string): EncodedSound {
  const note = prepareNote(audio, { targetRate: vae.config.sampleRate, file });
  const pitch = note.pitchMidi === null ? null : Math.min(127, Math.max(0, note.pitchMidi));
  const encodedAtPitch = pitch ?? NEUTRAL_PITCH;
  const { mu } = vae.encode(note.samples, encodedAtPitch);
  return { latent: mu, pitch, encodedAtPitch, onsetSeconds: note.onsetSeconds, warnings: note.warnings };
}

/** One gain for a set of sounds so the loudest peaks at `peakDb` (their relative levels stay). */
export function commonPeakGain(sounds: readonly Float32Array[], peakDb = -1): number {
  let peak = 0;
  for (const s of sounds) for (const v of s) peak = Math.max(peak, Math.abs(v));
  return peak > 1e-9 ? 10 ** (peakDb / 20) / peak : 1;
}
