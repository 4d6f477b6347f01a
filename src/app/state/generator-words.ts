/**
 * What the generator panel says in words: which installed model fits the open song (or why none
 * does), whether a model can fill in bars, what a variation's figures mean, and the bars a loop
 * region covers. Pure functions of the song and the model index, tested on their own.
 */
import { TempoMap } from '../../core/music/tempo-map.ts';
import type { Note, Song } from '../../core/music/types.ts';
import type { VariationNotes } from '../lib/continuation.ts';
import type { InstalledModel } from '../lib/model-cards.ts';
import { pitchName } from '../lib/roll-geometry.ts';

export interface ModelFit {
  /** the installed model to use, or null when none fits */
  model: string | null;
  /** one sentence: why this model, or why none */
  reason: string;
}

/** The parts a song has, as the Continue models read them. */
type Shape = 'empty' | 'melody' | 'melody-chords' | 'voices' | 'arrangement' | 'other';

const FITS: Record<Exclude<Shape, 'empty' | 'other'>, { model: string; parts: string }> = {
  melody: { model: 'melody-pop909', parts: 'one melody' },
  'melody-chords': { model: 'folk-nottingham', parts: 'a melody with chords' },
  voices: { model: 'chorale-jsb', parts: 'four voices' },
  arrangement: { model: 'arrangement-pop909', parts: 'melody, bridge and piano' },
};

/** Most notes sounding at once on a track (a melody 1, chords 3 or more). */
function maxPolyphony(notes: readonly Note[]): number {
  const events = notes.flatMap((n) => [[n.startTick, 1] as const, [n.endTick, -1] as const]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, step] of events) {
    now += step;
    most = Math.max(most, now);
  }
  return most;
}

function shapeOf(song: Song): Shape {
  const tracks = song.tracks.filter((t) => t.notes.length > 0 && !t.isDrum);
  if (tracks.length === 0) return 'empty';
  if (tracks.length === 4) return 'voices';
  if (tracks.length === 3) return 'arrangement';
  if (tracks.length === 2) return 'melody-chords';
  if (tracks.length === 1) return maxPolyphony(tracks[0].notes) >= 4 ? 'voices' : 'melody';
  return 'other';
}

/** The installed model that fits the song's parts, or why none does (in words). */
export function suggestModel(song: Song, models: readonly Pick<InstalledModel, 'name'>[]): ModelFit {
  const shape = shapeOf(song);
  const parts = song.tracks.filter((t) => t.notes.length > 0 && !t.isDrum).length;
  if (shape === 'empty') return { model: null, reason: 'The song has no notes yet: start from nothing, or open a MIDI file.' };
  if (shape === 'other') {
    return { model: null, reason: `No model is trained on ${parts} parts at once; choose the seed track, and a model continues that part alone.` };
  }
  const fit = FITS[shape];
  if (models.some((m) => m.name === fit.model)) return { model: fit.model, reason: `The song has ${fit.parts}: ${fit.model} was trained on songs like that.` };
  return { model: null, reason: `The song has ${fit.parts}; ${fit.model}, trained on songs like that, is not installed.` };
}

/** Why Infill cannot run the model, in words; null when it can (or the index does not say). */
export function infillRefusal(model: Pick<InstalledModel, 'name' | 'infill'> | null): string | null {
  if (model === null || model.infill !== false) return null;
  return `${model.name} cannot fill in bars: it was trained to continue only. Infill needs a model trained with fill-in marks (arrangement-pop909).`;
}

/** The 1-based bars [from, to] a loop region (seconds) covers; null when there is none. */
export function loopBars(song: Song, startSeconds: number, endSeconds: number): [number, number] | null {
  if (!(endSeconds > startSeconds)) return null;
  const map = TempoMap.fromSong(song);
  return tickBars(song, map.secondsToTick(startSeconds), map.secondsToTick(endSeconds));
}

/** The 1-based bars [from, to] a tick span [start, end) touches (a selected clip's); null when empty. */
export function tickBars(song: Song, startTick: number, endTick: number): [number, number] | null {
  if (!(endTick > startTick)) return null;
  const map = TempoMap.fromSong(song);
  const from = map.barIndexAt(startTick + 1) + 1;
  const to = map.barIndexAt(Math.max(0, endTick - 1)) + 1;
  return to >= from ? [from, to] : null;
}

const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;

/**
 * A variation's figures in words: how many notes it adds, over which pitches, and how far their
 * centre sits from the seed's (the register distance Continue's `register` param keeps small).
 */
export function describeVariation(seed: Song, notes: VariationNotes): string {
  const added = notes.tracks.flatMap((t) => t.added.map((n) => n.pitch));
  if (added.length === 0) return 'No new notes: it is silent where it writes.';
  const count = `${added.length} new note${added.length === 1 ? '' : 's'}`;
  const range = `from ${pitchName(Math.min(...added))} to ${pitchName(Math.max(...added))}`;
  const seedPitches = seed.tracks.flatMap((t) => t.notes.map((n) => n.pitch));
  if (seedPitches.length === 0) return `${count}, ${range}.`;
  const shift = Math.round(mean(added) - mean(seedPitches));
  const where = shift === 0 ? 'centred where the seed is' : `centred ${Math.abs(shift)} semitone${Math.abs(shift) === 1 ? '' : 's'} ${shift > 0 ? 'above' : 'below'} the seed`;
  return `${count}, ${range}, ${where}.`;
}
