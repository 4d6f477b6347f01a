import { badInput } from '../../core/errors.ts';

export type ImportKind = 'midi' | 'wav';

/** What the import accepts, by file name (the picker and drag & drop share it). */
export const IMPORT_ACCEPT = '.mid,.midi,.wav';

export function importKind(fileName: string): ImportKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.mid') || lower.endsWith('.midi')) return 'midi';
  if (lower.endsWith('.wav')) return 'wav';
  throw badInput('not a MIDI (.mid, .midi) or WAV (.wav) file', fileName);
}
