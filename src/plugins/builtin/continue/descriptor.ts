import { formatKey } from '../../../core/music/key.ts';
import type { PluginDescriptor } from '../../types.ts';

/** The Continue models shipped in `models/`; each is a folder of the same name. */
export const CONTINUE_MODELS = ['melody-pop909', 'folk-nottingham', 'chorale-jsb'] as const;
export type ContinueModelName = (typeof CONTINUE_MODELS)[number];

const TONICS = Array.from({ length: 12 }, (_, tonic) => tonic);
/**
 * 'seed' keeps the seed's own key (estimated when the file has no key signature); 'off' allows
 * any pitch; otherwise a key spelled as core's formatKey writes it (C:major, F#:minor, Bb:major).
 */
export const KEY_CHOICES = [
  'off',
  'seed',
  ...TONICS.map((tonic) => formatKey({ tonic, mode: 'major' })),
  ...TONICS.map((tonic) => formatKey({ tonic, mode: 'minor' })),
];

/**
 * Continue: writes several candidate continuations of a seed MIDI with a transformer trained by
 * Alea. Parameters are what a musician steers: length in bars, how adventurous (temperature,
 * top-k, top-p), how many to choose from, which key to stay in, and a seed to get them back.
 */
export const continueDescriptor: PluginDescriptor = {
  id: 'continue',
  name: 'Continue',
  version: '1.0.0',
  kind: 'midi-generator',
  model: 'melody-pop909',
  description: 'Writes continuations of a seed MIDI clip with a music transformer.',
  params: [
    { id: 'model', label: 'Model', kind: 'choice', choices: [...CONTINUE_MODELS], default: 'melody-pop909', automatable: false },
    { id: 'bars', label: 'Bars', kind: 'int', min: 1, max: 64, default: 8, automatable: false },
    { id: 'temperature', label: 'Temperature', kind: 'float', min: 0.05, max: 2, default: 1, step: 0.05 },
    { id: 'topK', label: 'Top-k (0 = off)', kind: 'int', min: 0, max: 500, default: 0 },
    { id: 'topP', label: 'Top-p', kind: 'float', min: 0.05, max: 1, default: 0.95, step: 0.01 },
    { id: 'variations', label: 'Variations', kind: 'int', min: 1, max: 16, default: 3, automatable: false },
    { id: 'seed', label: 'Seed', kind: 'int', min: 0, max: 2 ** 31 - 1, default: 1, automatable: false },
    { id: 'key', label: 'Stay in key', kind: 'choice', choices: KEY_CHOICES, default: 'off', automatable: false },
    { id: 'track', label: 'Seed track (-1 = the model decides)', kind: 'int', min: -1, max: 255, default: -1, automatable: false },
  ],
};
