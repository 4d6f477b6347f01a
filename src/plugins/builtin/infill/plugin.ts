/**
 * The Infill plugin as the host sees it; its model code loads on first use, like Continue's.
 */
import type { MidiGeneratorPlugin } from '../../types.ts';
import { infillDescriptor } from './descriptor.ts';

export const infillPlugin: MidiGeneratorPlugin = {
  descriptor: infillDescriptor,
  generate: async (request) => (await import('./run-infill.ts')).runInfill(request),
};
