import type { ParamSpec } from '../../plugins/types.ts';

/**
 * A number typed into a param's field, made valid: rounded for ints, kept in the param's range.
 * Returns null for text that is not a number (the field then shows the value it had).
 */
export function clampParam(spec: ParamSpec, raw: number): number | null {
  if (!Number.isFinite(raw)) return null;
  const value = spec.kind === 'int' ? Math.round(raw) : raw;
  return Math.min(spec.max ?? Number.POSITIVE_INFINITY, Math.max(spec.min ?? Number.NEGATIVE_INFINITY, value));
}

/** The Continue key choices in words: 'off' → "Any notes", 'seed' → "The seed's key", 'Eb:minor' → "E♭ minor". */
export function keyChoiceLabel(choice: string): string {
  if (choice === 'off') return 'Any notes';
  if (choice === 'seed') return "The seed's key";
  const [tonic, mode] = choice.split(':');
  return `${tonic.replace('b', '♭').replace('#', '♯')} ${mode ?? ''}`.trim();
}

/** A fresh sampling seed for the dice button (31-bit, like the Continue seed param). */
export function randomSeed(random: () => number = Math.random): number {
  return Math.floor(random() * 2 ** 31);
}
