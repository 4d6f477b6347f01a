/** The GM SoundFont instance that plays a MIDI track as its file asks: its program, or drums on channel 10. */
import { GM_PROGRAM_NAMES } from '../../../core/soundfont/gm-programs.ts';
import type { PluginState } from '../../types.ts';
import { gmSoundfontDescriptor } from './descriptor.ts';

export function gmInstrumentFor(track: { program: number; isDrum: boolean }): PluginState {
  const program = Number.isInteger(track.program) && track.program >= 0 && track.program <= 127 ? track.program : 0;
  return {
    plugin: gmSoundfontDescriptor.id,
    version: gmSoundfontDescriptor.version,
    params: { program: track.isDrum ? 0 : program, drums: track.isDrum, volume: 6 },
    bypass: false,
  };
}

/** What a picker shows for a GM SoundFont instance: "Flute", "Drum kit". */
export function gmInstrumentName(params: { program?: unknown; drums?: unknown }): string {
  if (params.drums === true) return 'Drum kit';
  const program = typeof params.program === 'number' ? params.program : 0;
  return GM_PROGRAM_NAMES[program] ?? `Program ${program}`;
}
