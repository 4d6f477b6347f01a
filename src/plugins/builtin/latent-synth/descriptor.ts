import type { PluginDescriptor } from '../../types.ts';

/** The model families Latent Synth runs (card.json `family`): every folder of them works. */
export const LATENT_SYNTH_FAMILY = 'vae';
export const LATENT_FLOW_FAMILY = 'flow';
export const DEFAULT_TIMBRE_MODEL = 'timbre-vae';
export const DEFAULT_FLOW_MODEL = 'timbre-flow';

/**
 * Latent Synth: a point between two or four sounds (their latents in the timbre VAE) played as
 * an instrument. The sounds live in the state's `data` (sound-data.ts); the params say where
 * between them to stand and how to build the multisample set the engine plays.
 */
export const latentSynthDescriptor: PluginDescriptor = {
  id: 'latent-synth',
  name: 'Latent Synth',
  version: '1.0.0',
  kind: 'instrument',
  model: DEFAULT_TIMBRE_MODEL,
  description: 'Morphs between two or four sounds with a timbre VAE and plays the blend across the keyboard.',
  params: [
    {
      id: 'model',
      label: 'Model',
      kind: 'model',
      family: LATENT_SYNTH_FAMILY,
      default: DEFAULT_TIMBRE_MODEL,
      automatable: false,
      hint: 'an installed timbre VAE (timbre-vae) or a model folder',
    },
    {
      id: 'flow',
      label: 'Flow prior',
      kind: 'model',
      family: LATENT_FLOW_FAMILY,
      default: DEFAULT_FLOW_MODEL,
      automatable: false,
      hint: "the flow over the VAE's latents that scores how typical a sound is and draws new ones (timbre-flow)",
    },
    { id: 'x', label: 'Pad X', kind: 'float', min: 0, max: 1, default: 0.5, step: 0.001, hint: 'from the first sound (0) towards the second (1)' },
    { id: 'y', label: 'Pad Y', kind: 'float', min: 0, max: 1, default: 0.5, step: 0.001, hint: 'with four sounds: from the bottom pair (0) towards the top pair (1)' },
    {
      id: 'path',
      label: 'Morph path',
      kind: 'choice',
      choices: ['linear', 'spherical'],
      default: 'linear',
      hint: 'linear: straight between the sounds; spherical: keeps the blend as strong as its ends',
    },
    { id: 'zones', label: 'Zones', kind: 'int', min: 1, max: 32, default: 16, automatable: false, hint: 'notes rendered across the keyboard (more: truer pitch, longer build)' },
    { id: 'velocityLayers', label: 'Velocity layers', kind: 'int', min: 1, max: 4, default: 2, automatable: false, hint: 'notes rendered per zone at different strengths' },
    { id: 'noteSeconds', label: 'Note length', kind: 'float', min: 0.25, max: 8, default: 1.5, unit: 's', step: 0.01, automatable: false, hint: 'how long each note is rendered before its release; a sustaining sound loops while a key is held longer' },
    { id: 'attack', label: 'Attack', kind: 'float', min: 0, max: 2, default: 0, unit: 's', step: 0.001 },
    { id: 'release', label: 'Release', kind: 'float', min: 0, max: 4, default: 0.4, unit: 's', step: 0.001, hint: 'fade after the key is let go (also the rendered note tail)' },
    { id: 'volume', label: 'Volume', kind: 'float', min: -60, max: 6, default: -6, unit: 'dB', step: 0.1 },
    { id: 'seed', label: 'Seed', kind: 'int', min: 0, max: 2147483647, default: 0, automatable: false, hint: 'seeds the noise in the rendered notes' },
  ],
};
