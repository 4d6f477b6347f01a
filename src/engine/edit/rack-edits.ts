/**
 * Rack edits: a track's plugin chains (instrument, MIDI effects, audio effects) changed as pure
 * functions: a new rack out, the old one untouched (so Undo can keep it). Plugins are looked up
 * in the engine's registry by id and kind, never by a fixed list.
 */
import { badInput } from '../../core/errors.ts';
import { setBypass, setStateParam } from '../../plugins/state.ts';
import type { PluginKind, PluginState } from '../../plugins/types.ts';
import { hostedDescriptor, pluginState } from '../plugin-lookup.ts';
import type { Project } from '../project.ts';
import { moveItem } from './track-edits.ts';

/** The plugins of one track: MIDI tracks have an instrument (null: the GM program's default) and MIDI effects. */
export interface TrackRack {
  instrument: PluginState | null;
  midiEffects: readonly PluginState[];
  chain: readonly PluginState[];
}

/** A slot of effects in a rack: MIDI effects before the instrument, audio effects after it. */
export type RackSlot = 'midiEffects' | 'chain';

export const EMPTY_RACK: TrackRack = { instrument: null, midiEffects: [], chain: [] };

const SLOT_KIND: Record<RackSlot, PluginKind> = { midiEffects: 'midi-effect', chain: 'audio-effect' };

function checkSlotIndex(rack: TrackRack, slot: RackSlot, index: number): void {
  const count = rack[slot].length;
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw badInput(`the rack has no ${slot === 'chain' ? 'audio' : 'MIDI'} effect ${index + 1} (it has ${count})`);
  }
}

function replaceAt(rack: TrackRack, slot: RackSlot, index: number, change: (state: PluginState) => PluginState): TrackRack {
  checkSlotIndex(rack, slot, index);
  return { ...rack, [slot]: rack[slot].map((state, i) => (i === index ? change(state) : state)) };
}

/** Adds plugin `id` (its defaults, or `params`) to `slot` at `at` (default: last). @throws AleaError for a plugin of another kind */
export function addRackPlugin(rack: TrackRack, slot: RackSlot, id: string, params: Record<string, unknown> = {}, at = rack[slot].length): TrackRack {
  const state = pluginState(id, SLOT_KIND[slot], params);
  const next = [...rack[slot]];
  next.splice(Math.min(Math.max(0, at), next.length), 0, state);
  return { ...rack, [slot]: next };
}

export function removeRackPlugin(rack: TrackRack, slot: RackSlot, index: number): TrackRack {
  checkSlotIndex(rack, slot, index);
  return { ...rack, [slot]: rack[slot].filter((_, i) => i !== index) };
}

/** Moves the effect at `from` to `to` (processing order is the slot's order). */
export function moveRackPlugin(rack: TrackRack, slot: RackSlot, from: number, to: number): TrackRack {
  checkSlotIndex(rack, slot, from);
  return { ...rack, [slot]: moveItem(rack[slot], from, to) };
}

export function bypassRackPlugin(rack: TrackRack, slot: RackSlot, index: number, bypass: boolean): TrackRack {
  return replaceAt(rack, slot, index, (state) => setBypass(state, bypass));
}

/** Sets one param of an effect (validated against its spec). */
export function setRackParam(rack: TrackRack, slot: RackSlot, index: number, param: string, value: unknown): TrackRack {
  return replaceAt(rack, slot, index, (state) => setStateParam(state, hostedDescriptor(state.plugin, SLOT_KIND[slot]), param, value));
}

/** Puts instrument `id` on the rack (`params` validated, defaults filled in); null: back to the GM default. */
export function setRackInstrument(rack: TrackRack, id: string | null, params: Record<string, unknown> = {}): TrackRack {
  return { ...rack, instrument: id === null ? null : pluginState(id, 'instrument', params) };
}

export function setRackInstrumentParam(rack: TrackRack, param: string, value: unknown): TrackRack {
  const instrument = rack.instrument;
  if (instrument === null) throw badInput('the track plays its default instrument: choose one before changing its settings');
  return { ...rack, instrument: setStateParam(instrument, hostedDescriptor(instrument.plugin, 'instrument'), param, value) };
}

/** Loads a preset's params (validated already) into an effect, keeping its bypass. */
export function loadRackPreset(rack: TrackRack, slot: RackSlot, index: number, params: Record<string, unknown>): TrackRack {
  return replaceAt(rack, slot, index, (state) => ({ ...pluginState(state.plugin, SLOT_KIND[slot], params), bypass: state.bypass }));
}

/** The rack of track `index` of a project (MIDI tracks, then audio tracks). */
export function trackRack(project: Project, index: number): TrackRack {
  const midi = project.tracks[index];
  if (midi !== undefined) return { instrument: midi.instrument, midiEffects: midi.midiEffects, chain: midi.chain };
  const audio = project.audioTracks[index - project.tracks.length];
  if (audio === undefined) throw badInput(`track ${index} does not exist`);
  return { instrument: null, midiEffects: [], chain: audio.chain };
}

/**
 * The project with track `index`'s chains replaced by `rack`'s (a MIDI track keeps its
 * instrument when the rack has none). An audio track takes audio effects only.
 */
export function withTrackRack(project: Project, index: number, rack: TrackRack): Project {
  const midiCount = project.tracks.length;
  if (index >= 0 && index < midiCount) {
    const tracks = project.tracks.map((setup, i) =>
      i === index ? { ...setup, instrument: rack.instrument ?? setup.instrument, midiEffects: [...rack.midiEffects], chain: [...rack.chain] } : setup,
    );
    return { ...project, tracks };
  }
  const a = index - midiCount;
  if (!Number.isInteger(index) || a < 0 || a >= project.audioTracks.length) throw badInput(`track ${index} does not exist`);
  if (rack.midiEffects.length > 0 || rack.instrument !== null) throw badInput(`track ${index} is an audio track: it takes audio effects only`);
  return { ...project, audioTracks: project.audioTracks.map((setup, i) => (i === a ? { ...setup, chain: [...rack.chain] } : setup)) };
}
