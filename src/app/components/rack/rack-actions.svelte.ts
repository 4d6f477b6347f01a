/**
 * The plugin rack's edits, each one undoable step made with the engine's rack functions on the
 * row as it is when the step runs; and which track's rack and the mixer are open.
 */
import { addRackPlugin, bypassRackPlugin, loadRackPreset, moveRackPlugin, removeRackPlugin, setRackInstrument, setRackInstrumentParam, setRackParam, type RackSlot, type TrackRack } from '../../../engine/edit/rack-edits.ts';
import { engineRegistry } from '../../../engine/plugin-lookup.ts';
import { loadPreset, presetToJson, type Preset } from '../../../plugins/presets.ts';
import type { ParamValues, PluginState } from '../../../plugins/types.ts';
import { downloadBytes } from '../../lib/download.ts';
import { replaceRows, rowOf } from '../../state/clip-actions.ts';
import type { TrackState } from '../../state/track-state.svelte.ts';
import type { Workstation } from '../../state/workstation.svelte.ts';

/** What builds an instrument's voice in the ML worker and puts it on a track. */
export interface InstrumentBuilder {
  /** `label`: the undoable step it makes, joining the last one with the same `mergeKey` */
  put(row: TrackState, plugin: string, params: ParamValues, label?: string, mergeKey?: string): Promise<void>;
}

/** Where a plugin sits in a rack: the instrument, or an effect of a slot. */
export type RackPlace = { slot: 'instrument' } | { slot: RackSlot; index: number };

const nameOf = (id: string): string => engineRegistry().find(id)?.descriptor.name ?? id;
const paramLabel = (plugin: string, param: string): string => engineRegistry().find(plugin)?.descriptor.params.find((p) => p.id === param)?.label ?? param;

export class RackActions {
  /** the track whose rack is open (null: closed) */
  trackId = $state<number | null>(null);
  mixerOpen = $state(false);
  /** builds an instrument's voice off the main thread and puts it on a track (the track instrument picker's) */
  builder: InstrumentBuilder | null = null;
  private readonly ws: Workstation;

  constructor(workstation: Workstation) {
    this.ws = workstation;
  }

  open(trackId: number | null): void {
    this.trackId = this.trackId === trackId ? null : trackId;
  }

  add(rowId: number, slot: RackSlot, pluginId: string): Promise<boolean> {
    return this.run(rowId, `Add ${nameOf(pluginId)}`, (rack) => addRackPlugin(rack, slot, pluginId));
  }

  remove(rowId: number, slot: RackSlot, index: number, state: PluginState): Promise<boolean> {
    return this.run(rowId, `Remove ${nameOf(state.plugin)}`, (rack) => removeRackPlugin(rack, slot, index));
  }

  move(rowId: number, slot: RackSlot, index: number, delta: number, state: PluginState): Promise<boolean> {
    return this.run(rowId, `Move ${nameOf(state.plugin)}`, (rack) => moveRackPlugin(rack, slot, index, index + delta));
  }

  bypass(rowId: number, slot: RackSlot, index: number, state: PluginState, bypass: boolean): Promise<boolean> {
    return this.run(rowId, `${bypass ? 'Bypass' : 'Enable'} ${nameOf(state.plugin)}`, (rack) => bypassRackPlugin(rack, slot, index, bypass));
  }

  /**
   * Puts instrument `pluginId` (null: the default) on the track. With a builder (the track
   * instrument picker's), its voice is built in the ML worker and kept like the picker's choice,
   * so a SoundFont or model-driven instrument never renders on the main thread; without one the
   * rack holds it (an undoable step).
   */
  async setInstrument(rowId: number, pluginId: string | null, params: ParamValues = {}, step?: { label: string; mergeKey: string }): Promise<boolean> {
    const row = this.ws.tracks.find((t) => t.id === rowId);
    if (row === undefined) return false;
    if (this.builder !== null) {
      if (row.rack.instrument !== null) await this.run(rowId, 'Default instrument', (rack) => setRackInstrument(rack, null));
      if (pluginId === null) await this.ws.setTrackInstrument(row, null, 'Default instrument').catch((error: unknown) => this.ws.messages.error(error));
      else await this.builder.put(this.ws.tracks.find((t) => t.id === rowId) ?? row, pluginId, params, step?.label ?? `Instrument ${nameOf(pluginId)}`, step?.mergeKey);
      return true;
    }
    // a voice put on the track elsewhere gives way to the instrument chosen here
    if (this.ws.trackInstruments.has(rowId)) await this.ws.setTrackInstrument(row, null).catch((error: unknown) => this.ws.messages.error(error));
    return this.run(rowId, pluginId === null ? 'Default instrument' : `Instrument ${nameOf(pluginId)}`, (rack) => setRackInstrument(rack, pluginId, params));
  }

  /** One parameter of a plugin: changes of the same parameter in quick succession (arrow keys on a knob) are one undo step. */
  setParam(rowId: number, place: RackPlace, state: PluginState, param: string, value: ParamValues[string]): Promise<boolean> {
    const label = `${nameOf(state.plugin)}: ${paramLabel(state.plugin, param)}`;
    const where = place.slot === 'instrument' ? 'instrument' : `${place.slot}.${place.index}`;
    const mergeKey = `rack:${rowId}:${where}:${state.plugin}:${param}`;
    if (place.slot === 'instrument' && this.builder !== null) return this.setInstrument(rowId, state.plugin, { ...state.params, [param]: value }, { label, mergeKey });
    if (place.slot === 'instrument') return this.run(rowId, label, (rack) => setRackInstrumentParam(rack, param, value), mergeKey);
    const { slot, index } = place;
    return this.run(rowId, label, (rack) => setRackParam(rack, slot, index, param, value), mergeKey);
  }

  /** Loads a preset (validated for the plugin already) into the plugin at `place`. */
  loadPreset(rowId: number, place: RackPlace, preset: Preset): Promise<boolean> {
    const label = `${nameOf(preset.plugin)} preset ${preset.name}`;
    if (place.slot === 'instrument') return this.setInstrument(rowId, preset.plugin, preset.params);
    const { slot, index } = place;
    return this.run(rowId, label, (rack) => loadRackPreset(rack, slot, index, preset.params));
  }

  /** Reads a preset file for `state`'s plugin (one line naming the file when it does not fit) and loads it. */
  async openPresetFile(rowId: number, place: RackPlace, state: PluginState, file: File): Promise<boolean> {
    try {
      const plugin = engineRegistry().get(state.plugin);
      const preset = loadPreset(await file.text(), plugin.descriptor, file.name, plugin.parseData?.bind(plugin));
      return await this.loadPreset(rowId, place, preset);
    } catch (error) {
      this.ws.messages.error(error);
      return false;
    }
  }

  /** Downloads the plugin's settings as a preset file (what `alea <command> --preset` reads). */
  savePreset(state: PluginState): void {
    const descriptor = engineRegistry().get(state.plugin).descriptor;
    downloadBytes(new TextEncoder().encode(presetToJson(descriptor, state.params, state.data)), `${state.plugin}-preset.json`, 'application/json');
  }

  private run(rowId: number, label: string, change: (rack: TrackRack) => TrackRack, mergeKey?: string): Promise<boolean> {
    return this.ws.edit(
      label,
      (s) => {
        const row = rowOf(s, rowId);
        return replaceRows(s, row.with({ rack: change(row.rack) }));
      },
      mergeKey,
    );
  }
}
