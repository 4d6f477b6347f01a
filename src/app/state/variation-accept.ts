/** What accepting a generated variation changes besides the notes: voices onto tracks, the name. */
import type { Provenance } from '../../core/provenance.ts';
import type { Note, Song } from '../../core/music/types.ts';
import { mapVoicesToTracks, type VoiceTarget } from '../../engine/index.ts';
import { baseName } from '../lib/download.ts';

/** A chorale's voices, written on one track of the variation, each sent to a track. */
export interface VoiceMapping {
  /** the variation's track that holds them */
  track: number;
  /** its new notes split into voices, highest first */
  voices: Note[][];
  /** per voice: a track of the variation (index) or a new track */
  targets: VoiceTarget[];
}

export function mapVoices(song: Song, mapping: VoiceMapping): { song: Song; added: number[] } {
  return mapVoicesToTracks(song, mapping.track, mapping.voices, mapping.targets);
}

/**
 * The title after a continuation is accepted, so exports say what they hold: "folk.mid" →
 * "folk-continue-2.mid" (variation 2); accepting again replaces the suffix.
 */
export function continuedTitle(title: string, provenance: Provenance): string {
  const variation = provenance.params?.variation;
  const base = baseName(title).replace(/-continue(d|-\d+)$/, '');
  return `${base}${typeof variation === 'number' ? `-continue-${variation}` : '-continued'}.mid`;
}
