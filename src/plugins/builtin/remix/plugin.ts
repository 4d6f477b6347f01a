/**
 * Remix (audio effect): the style GAN plays the track in another instrument style. The model
 * comes from the host (`context.models`), is kept and disposed by it; the processor streams.
 * The model code loads on first use (run-remix.ts).
 */
import { AleaError } from '../../../core/errors.ts';
import { validateParams } from '../../params.ts';
import type { AudioEffectPlugin, ParamValues } from '../../types.ts';
import { RANGE_TO_END, remixDescriptor } from './descriptor.ts';

export interface RemixSettings {
  model: string;
  style: string;
  strength: number;
  /** seconds */
  from: number;
  /** seconds; Infinity = the end of the track */
  to: number;
  refine: number;
}

/** Typed view of a validated param record. @throws AleaError 'usage' when the range is empty */
export function remixSettings(params: ParamValues): RemixSettings {
  const p = validateParams(params, remixDescriptor.params);
  const from = Number(p.from);
  const to = Number(p.to) === RANGE_TO_END ? Infinity : Number(p.to);
  if (!(to > from)) throw new AleaError('usage', `the remix range ends (${to} s) before it starts (${from} s)`);
  return { model: String(p.model), style: String(p.style), strength: Number(p.strength), from, to, refine: Number(p.refine) };
}

export const remixPlugin: AudioEffectPlugin = {
  descriptor: remixDescriptor,
  // the style GAN (tfjs) loads on first use, so a page that only lists plugins stays light
  createProcessor: async (params, setup) => (await import('./run-remix.ts')).createProcessor(params, setup),
  listChoices: async (paramId, params, models) => (await import('./run-remix.ts')).listChoices(paramId, params, models),
};
