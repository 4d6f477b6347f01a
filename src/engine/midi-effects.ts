/**
 * A MIDI track's notes after its MIDI effects, in seconds: what both live playback and the
 * offline render schedule. Effects run in order on a song holding only that track; a bypassed
 * effect is skipped.
 */
import { TempoMap } from '../core/music/tempo-map.ts';
import type { Song } from '../core/music/types.ts';
import type { ParamValues, PluginState } from '../plugins/types.ts';
import { trackEvents, type NoteEvent } from './note-events.ts';
import { engineRegistry } from './plugin-lookup.ts';
import type { Project } from './project.ts';

function runEffect(state: PluginState, song: Song): Song {
  if (state.bypass) return song;
  const plugin = engineRegistry().get(state.plugin);
  if (!('process' in plugin) || typeof plugin.process !== 'function') return song;
  const process = plugin.process as (song: Song, params: ParamValues) => Song;
  return process.call(plugin, song, state.params);
}

/** Each MIDI track's note events (after its MIDI effects), in track order. */
export function projectEvents(project: Project): NoteEvent[][] {
  const tempoMap = TempoMap.fromSong(project.song);
  return project.song.tracks.map((track, i) => {
    const effects = project.tracks[i]?.midiEffects ?? [];
    if (effects.length === 0) return trackEvents(track, tempoMap);
    let song: Song = { ...project.song, tracks: [track] };
    for (const state of effects) song = runEffect(state, song);
    return trackEvents(song.tracks[0] ?? { ...track, notes: [] }, tempoMap);
  });
}
