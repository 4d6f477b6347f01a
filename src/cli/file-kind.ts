import { badInput } from '../core/errors.ts';

export type InputKind = 'midi' | 'wav';

/** Decides what a file is from its first bytes (falling back to its extension for tiny files). */
export function detectInputKind(bytes: Uint8Array, path: string): InputKind {
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic === 'MThd') return 'midi';
  if (magic === 'RIFF' || magic === 'RF64') return 'wav';
  const lower = path.toLowerCase();
  if (lower.endsWith('.mid') || lower.endsWith('.midi') || lower.endsWith('.smf')) return 'midi';
  if (lower.endsWith('.wav') || lower.endsWith('.wave')) return 'wav';
  throw badInput('is neither a MIDI file nor a WAV file (unknown header)', path);
}
