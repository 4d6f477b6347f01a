/**
 * The computer keyboard as a piano (the row A S D F G H J K for white keys, W E T Y U for black
 * ones, Z / X an octave down / up), as DAWs map it.
 */
const SEMITONES: Record<string, number> = {
  KeyA: 0,
  KeyW: 1,
  KeyS: 2,
  KeyE: 3,
  KeyD: 4,
  KeyF: 5,
  KeyT: 6,
  KeyG: 7,
  KeyY: 8,
  KeyH: 9,
  KeyU: 10,
  KeyJ: 11,
  KeyK: 12,
};

/** The MIDI pitch a key plays with `octave` (4: A is middle C), or null for other keys. */
export function keyPitch(code: string, octave: number): number | null {
  const semitone = SEMITONES[code];
  if (semitone === undefined) return null;
  const pitch = 12 * (octave + 1) + semitone;
  return pitch >= 0 && pitch <= 127 ? pitch : null;
}

/** The octave after Z (down) or X (up), kept within 0..8; null for other keys. */
export function octaveShift(code: string, octave: number): number | null {
  if (code === 'KeyZ') return Math.max(0, octave - 1);
  if (code === 'KeyX') return Math.min(8, octave + 1);
  return null;
}
