/**
 * A chorale's voices in a variation: when a generator writes several voices on one track that
 * held a single line (chorale-jsb continues a melody in four parts), each voice can go to a track
 * of its own. Says which track holds them, splits them, and proposes where each goes.
 */
import type { Song } from '../../core/music/types.ts';
import { polyphony, splitVoices, voiceNames, type VoiceTarget } from '../../engine/index.ts';
import type { VariationNotes } from './continuation.ts';

export interface VoicePlan {
  /** the variation's track that holds the voices */
  track: number;
  /** its new notes split into voices, highest first */
  voices: ReturnType<typeof splitVoices>;
  names: string[];
  /** per voice: a track of the variation, or a new track */
  defaults: VoiceTarget[];
}

const meanPitch = (notes: readonly { pitch: number }[]): number => notes.reduce((sum, n) => sum + n.pitch, 0) / Math.max(1, notes.length);

/**
 * The plan for a variation, or null when no track gained several voices over a single line.
 * Where the song has a track per voice, each voice goes to the track of its register (highest
 * voice to the highest track); otherwise a track named like a voice ("Bass") takes that voice, the
 * top voice stays where it was written and the others go to new tracks.
 */
export function voicePlan(variation: Song, notes: VariationNotes): VoicePlan | null {
  const track = notes.tracks.findIndex((t) => polyphony(t.added) >= 3 && polyphony(t.kept) <= 1);
  if (track < 0) return null;
  const voices = splitVoices(notes.tracks[track].added);
  const lines = variation.tracks
    .map((t, i) => ({ i, kept: notes.tracks[i]?.kept ?? [] }))
    .filter((t) => t.kept.length > 0 && !variation.tracks[t.i].isDrum)
    .sort((a, b) => meanPitch(b.kept) - meanPitch(a.kept));
  const names = voiceNames(voices.length);
  if (lines.length >= voices.length) return { track, voices, names, defaults: voices.map((_, v) => lines[v].i) };
  // a track named like a voice ("Bass") takes it; the top voice stays where it was written
  const named = (v: number): number => variation.tracks.findIndex((t) => t.name.trim().toLowerCase() === names[v].toLowerCase());
  const defaults: VoiceTarget[] = voices.map((_, v) => (named(v) >= 0 ? named(v) : v === 0 ? track : 'new'));
  return { track, voices, names, defaults };
}
