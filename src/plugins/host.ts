/** What a host does with a plugin instance: run it, honouring bypass. */
import type { Song } from '../core/music/types.ts';
import { badInput } from '../core/errors.ts';
import type { MidiEffectPlugin, PluginState } from './types.ts';

/** Runs a MIDI effect on a song; a bypassed effect returns the song unchanged (same object). */
export function applyMidiEffect(plugin: MidiEffectPlugin, state: PluginState, song: Song): Song {
  if (state.plugin !== plugin.descriptor.id) {
    throw badInput(`state is for plugin '${state.plugin}', not '${plugin.descriptor.id}'`);
  }
  return state.bypass ? song : plugin.process(song, state.params);
}
