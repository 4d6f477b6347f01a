import { REMIX_STYLES } from '../../../core/soundfont/styles.ts';
import type { PluginDescriptor } from '../../types.ts';

/** The model family Remix runs (card.json `family`): every folder of it works. */
export const REMIX_FAMILY = 'gan';
export const DEFAULT_REMIX_MODEL = 'style-gan';
/** The end of the range when `to` is 0: the whole rest of the track. */
export const RANGE_TO_END = 0;
/** Seconds over which the remix fades in and out at the ends of a range inside the track. */
export const RANGE_FADE_SECONDS = 0.05;
const LONGEST_SECONDS = 36000;

/**
 * Remix: plays a track in another instrument style (same notes and timing) with the style GAN.
 * Style choices are the shipped styles; a model folder that lacks one says so when it runs.
 */
export const remixDescriptor: PluginDescriptor = {
  id: 'remix',
  name: 'Remix',
  version: '1.0.0',
  kind: 'audio-effect',
  model: DEFAULT_REMIX_MODEL,
  description: 'Plays a track in another instrument style, keeping its notes and timing.',
  params: [
    {
      id: 'model',
      label: 'Model',
      kind: 'model',
      family: REMIX_FAMILY,
      default: DEFAULT_REMIX_MODEL,
      automatable: false,
      hint: 'an installed style GAN (style-gan) or a model folder',
    },
    {
      id: 'style',
      label: 'Style',
      kind: 'choice',
      choices: REMIX_STYLES.map((s) => s.name),
      default: 'strings',
      automatable: false,
      hint: 'the instruments to play the track with',
    },
    { id: 'strength', label: 'Strength', kind: 'float', min: 0, max: 1, default: 1, step: 0.01, automatable: false, hint: 'how much remix against the original (1: remix only, 0: original)' },
    { id: 'from', label: 'From', kind: 'float', min: 0, max: LONGEST_SECONDS, default: 0, unit: 's', step: 0.01, automatable: false, hint: 'where the remix starts; before it the track stays as it is' },
    {
      id: 'to',
      label: 'To',
      kind: 'float',
      min: 0,
      max: LONGEST_SECONDS,
      default: RANGE_TO_END,
      unit: 's',
      step: 0.01,
      automatable: false,
      hint: 'where the remix ends (0: the end of the track); after it the track stays as it is',
    },
    {
      id: 'refine',
      label: 'Phase refinement',
      kind: 'int',
      min: 0,
      max: 32,
      default: 4,
      automatable: false,
      hint: 'Griffin-Lim iterations after reusing the original phase (more: cleaner, slower)',
    },
  ],
};
