/**
 * Which notes the GM SoundFont plugin renders. Melodic programs: a root every 3 semitones over
 * the piano's keys, so no note is shifted more than a semitone from a real render (the bank's own
 * samples are spread about as widely). Drums: every GM drum note is its own zone, played whole.
 */
import type { ZoneSlot } from '../latent-synth/zone-plan.ts';

export const ROOT_STEP = 3;
const LOWEST_ROOT = 22;
const HIGHEST_ROOT = 109;
/** GM drum notes: High Q (27) to Open Surdo (87). */
export const DRUM_LOW = 27;
export const DRUM_HIGH = 87;
/** the velocity every zone is rendered at (the engine scales each note by its own) */
export const RENDER_VELOCITY = 100;

export function melodicZones(): ZoneSlot[] {
  const slots: ZoneSlot[] = [];
  for (let root = LOWEST_ROOT; root <= HIGHEST_ROOT; root += ROOT_STEP) {
    const lo = root === LOWEST_ROOT ? 0 : root - 1;
    const hi = root + ROOT_STEP > HIGHEST_ROOT ? 127 : root + 1;
    slots.push({ rootPitch: root, loPitch: lo, hiPitch: hi, loVelocity: 0, hiVelocity: 127, renderVelocity: RENDER_VELOCITY });
  }
  return slots;
}

export function drumZones(): ZoneSlot[] {
  const slots: ZoneSlot[] = [];
  for (let pitch = DRUM_LOW; pitch <= DRUM_HIGH; pitch++) {
    slots.push({ rootPitch: pitch, loPitch: pitch, hiPitch: pitch, loVelocity: 0, hiVelocity: 127, renderVelocity: RENDER_VELOCITY });
  }
  return slots;
}
