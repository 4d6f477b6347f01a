/**
 * Generate from nothing: the empty song a continuation starts from when there is no seed, in the
 * meter, tempo and key asked. Continue writes its first bars from bar 1 of it.
 */
import { AleaError } from '../../../core/errors.ts';
import { parseKey } from '../../../core/music/key.ts';
import type { Song } from '../../../core/music/types.ts';
import { METER_CHOICES } from './descriptor.ts';

export interface FromNothingSettings {
  /** one of METER_CHOICES ('3/4') */
  meter: string;
  bpm: number;
  /** a key as core's formatKey spells it ('D:minor'), or 'off'/'seed' for none */
  key: string;
  ppq?: number;
}

/** `3/4` → [3, 4]; a meter the models cannot count bars in is a usage error naming the choices. */
export function parseMeter(text: string): [number, number] {
  const trimmed = text.trim();
  if (!METER_CHOICES.includes(trimmed)) {
    throw new AleaError('usage', `meter '${text}' is not one Continue writes (choose one of ${METER_CHOICES.join(', ')})`);
  }
  const [n, d] = trimmed.split('/').map(Number);
  return [n, d];
}

/** The empty song: no tracks, one tempo, one meter and (when a key is named) one key signature. */
export function emptySeed(settings: FromNothingSettings): Song {
  const [numerator, denominator] = parseMeter(settings.meter);
  if (!Number.isFinite(settings.bpm) || settings.bpm < 20 || settings.bpm > 400) {
    throw new AleaError('usage', `tempo must be 20 to 400 bpm, got ${settings.bpm}`);
  }
  const named = settings.key === 'off' || settings.key === 'seed' ? undefined : parseKey(settings.key);
  return {
    name: 'From nothing',
    ppq: settings.ppq ?? 480,
    tracks: [],
    tempos: [{ tick: 0, bpm: settings.bpm }],
    timeSignatures: [{ tick: 0, numerator, denominator }],
    keySignatures: named === undefined ? [] : [{ tick: 0, tonic: named.tonic, mode: named.mode }],
    texts: [],
  };
}
