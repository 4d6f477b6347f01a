/**
 * Remix styles: a style is a General MIDI instrument set, one program for the melody and one for
 * everything else (the accompaniment). Rendering the same notes once per style gives the paired
 * data the style GAN learns from.
 */

export interface StyleDefinition {
  /** stable name: CLI argument, model conditioning index (by position in the list) */
  name: string;
  /** GM program of the melody track */
  melody: number;
  /** GM program of every other (non-drum) track */
  accompaniment: number;
}

/** The shipped styles; `piano` first, the sound a user's recording most often has. */
export const REMIX_STYLES: readonly StyleDefinition[] = [
  { name: 'piano', melody: 0, accompaniment: 0 },
  { name: 'strings', melody: 40, accompaniment: 48 },
  { name: 'brass', melody: 56, accompaniment: 61 },
  { name: 'guitar', melody: 24, accompaniment: 24 },
  { name: 'synth', melody: 81, accompaniment: 89 },
  { name: 'chiptune', melody: 80, accompaniment: 80 },
];

export function styleByName(name: string, styles: readonly StyleDefinition[] = REMIX_STYLES): StyleDefinition | undefined {
  return styles.find((s) => s.name === name);
}
