/**
 * The Continue plugin as the host sees it. Its model code (tfjs, the transformer) loads on first
 * use, so listing plugins (the app's UI thread, `alea --help`) stays light.
 */
import type { MidiGeneratorPlugin } from '../../types.ts';
import { continueDescriptor } from './descriptor.ts';

export const continuePlugin: MidiGeneratorPlugin = {
  descriptor: continueDescriptor,
  generate: async (request) => (await import('./run-continue.ts')).runContinue(request),
};
