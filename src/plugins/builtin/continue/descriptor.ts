import { formatKey } from '../../../core/music/key.ts';
import { TIME_SIGNATURES } from '../../../ml/transformer/tokenizers/remi-vocab.ts';
import type { PluginDescriptor } from '../../types.ts';

/** The model family Continue runs (card.json `family`); every folder of it works. */
export const CONTINUE_FAMILY = 'transformer';

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
/**
 * How far new notes may stray from the register each part used over the seed's last bars, in
 * semitones ('free': anywhere). Measured on held-out songs (alea eval, 2 × 80–86 songs): 'seed'
 * drifts least but narrows folk's ranges below the real music's (range overlap 0.68); 'wide'
 * keeps range and mean overlap at or above 0.7 and 0.85 for pop and folk, so it is the default.
 */
export const REGISTER_MARGINS: Readonly<Record<string, number | undefined>> = { seed: 3, wide: 7, free: undefined };
export const REGISTER_CHOICES = Object.keys(REGISTER_MARGINS);

/** The meters a song started from nothing can be in: those the models count bars in. */
export const METER_CHOICES = TIME_SIGNATURES.map(([n, d]) => `${n}/${d}`);

export const continueDescriptor: PluginDescriptor = {
  id: 'continue',
  name: 'Continue',
  version: '1.2.0',
  kind: 'midi-generator',
  model: 'melody-pop909',
  description: 'Writes continuations of a seed MIDI clip with a music transformer.',
  params: [
    {
      id: 'model',
      label: 'Model',
      kind: 'model',
      family: CONTINUE_FAMILY,
      default: 'melody-pop909',
      automatable: false,
      hint: 'an installed model (melody-pop909, folk-nottingham, chorale-jsb…) or a model folder',
    },
    { id: 'bars', label: 'Bars', kind: 'int', min: 1, max: 64, default: 8, automatable: false, hint: 'how many bars to write after the seed' },
    {
      id: 'temperature',
      label: 'Temperature',
      kind: 'float',
      min: 0.05,
      max: 2,
      default: 1,
      step: 0.05,
      hint: 'lower is safer, higher is more adventurous',
    },
    { id: 'topK', label: 'Top-k', kind: 'int', min: 0, max: 500, default: 0, hint: 'sample only from the k likeliest choices (0 = off)' },
    {
      id: 'topP',
      label: 'Top-p',
      kind: 'float',
      min: 0.05,
      max: 1,
      default: 0.95,
      step: 0.01,
      hint: 'sample only from the likeliest choices that add up to this share',
    },
    {
      id: 'variations',
      label: 'Variations',
      kind: 'int',
      min: 1,
      max: 16,
      default: 1,
      automatable: false,
      hint: 'how many continuations to choose from',
    },
    {
      id: 'seed',
      label: 'Seed',
      kind: 'int',
      min: 0,
      max: 2 ** 31 - 1,
      default: 1,
      automatable: false,
      hint: 'the same seed and settings write the same notes again',
    },
    { id: 'key', label: 'Key', kind: 'choice', choices: KEY_CHOICES, default: 'off', automatable: false, hint: "keep the new notes in a key ('seed' = the seed's own key)" },
    {
      id: 'register',
      label: 'Register',
      kind: 'choice',
      choices: REGISTER_CHOICES,
      default: 'wide',
      automatable: false,
      hint: "keep each part near the pitches the seed's last bars use ('seed': within 3 semitones, 'wide': within 7) or let it roam ('free')",
    },
    {
      id: 'fromNothing',
      label: 'From nothing',
      kind: 'bool',
      default: false,
      automatable: false,
      hint: 'start from an empty song in the meter and tempo given (no seed notes); the key param sets its key',
    },
    { id: 'meter', label: 'Meter', kind: 'choice', choices: METER_CHOICES, default: '4/4', automatable: false, hint: 'the meter of a song started from nothing' },
    { id: 'tempo', label: 'Tempo', kind: 'int', min: 20, max: 400, default: 120, unit: 'bpm', automatable: false, hint: 'the tempo of a song started from nothing, in bpm' },
    {
      id: 'track',
      label: 'Seed track',
      kind: 'int',
      min: -1,
      max: 255,
      default: -1,
      automatable: false,
      hint: 'the seed track to continue, by index or name (-1 = what the model was trained on, e.g. the melody)',
    },
  ],
};
