/**
 * The computer keyboard as a piano for the selected track: A W S E D F T G Y H U J K play C..C
 * (computer-keys.ts has the map), Z / X shift an octave. Never while typing in a field, never
 * with Ctrl/Cmd/Alt (those are the workstation's shortcuts), and a held key's auto-repeat is
 * not a new note.
 */
import { keyPitch, octaveShift } from './computer-keys.ts';
import type { KeyEventLike, KeyTarget } from './key-commands.ts';

export type PianoKey = { kind: 'note'; pitch: number } | { kind: 'octave'; octave: number };

/** What a keydown or keyup means to the piano (null: not the piano's key). */
export function pianoKey(event: KeyEventLike, target: KeyTarget, octave: number): PianoKey | null {
  if (target.textField || event.ctrlKey || event.metaKey || event.altKey) return null;
  const shifted = octaveShift(event.code, octave);
  if (shifted !== null) return { kind: 'octave', octave: shifted };
  const pitch = keyPitch(event.code, octave);
  return pitch === null ? null : { kind: 'note', pitch };
}

/** The keys held down now, so a release ends the pitch its press started (even after Z / X). */
export class HeldKeys {
  private readonly held = new Map<string, number>();

  /** Returns false for a key already down (auto-repeat). */
  press(code: string, pitch: number): boolean {
    if (this.held.has(code)) return false;
    this.held.set(code, pitch);
    return true;
  }

  /** The pitch the key was playing, or null. */
  release(code: string): number | null {
    const pitch = this.held.get(code);
    this.held.delete(code);
    return pitch ?? null;
  }

  /** Every held pitch, released (the window lost focus). */
  releaseAll(): number[] {
    const pitches = [...this.held.values()];
    this.held.clear();
    return pitches;
  }
}
