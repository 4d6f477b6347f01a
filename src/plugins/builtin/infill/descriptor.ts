import type { ParamSpec, PluginDescriptor } from '../../types.ts';
import { CONTINUE_FAMILY, continueDescriptor } from '../continue/descriptor.ts';

/** Continue's sampling params, shared so both plugins steer the same way. */
function continueParam(id: string): ParamSpec {
  const spec = continueDescriptor.params.find((p) => p.id === id);
  if (spec === undefined) throw new Error(`Continue has no param '${id}'`);
  return spec;
}

/** The highest bar number infill accepts (a song of 999 bars is over half an hour of 4/4 at 120 bpm). */
export const MAX_BAR_NUMBER = 999;

/**
 * Infill: rewrites bars i..j of a song knowing the bars before and after, with a Continue model
 * trained in the fill-in-the-middle layout (arrangement-pop909). Same sampling params as Continue.
 */
export const infillDescriptor: PluginDescriptor = {
  id: 'infill',
  name: 'Infill',
  version: '1.0.0',
  kind: 'midi-generator',
  model: 'arrangement-pop909',
  description: 'Rewrites bars i..j of a MIDI song knowing the bars before and after them.',
  params: [
    {
      id: 'model',
      label: 'Model',
      kind: 'model',
      family: CONTINUE_FAMILY,
      default: 'arrangement-pop909',
      automatable: false,
      hint: 'an installed model trained to fill in (arrangement-pop909) or a model folder',
    },
    { id: 'fromBar', label: 'From bar', kind: 'int', min: 1, max: MAX_BAR_NUMBER, default: 5, automatable: false, hint: 'the first bar to rewrite (bars count from 1)' },
    { id: 'toBar', label: 'To bar', kind: 'int', min: 1, max: MAX_BAR_NUMBER, default: 8, automatable: false, hint: 'the last bar to rewrite (at most 16 bars at once)' },
    ...['temperature', 'topK', 'topP', 'variations', 'seed', 'key', 'register'].map(continueParam),
  ],
};
