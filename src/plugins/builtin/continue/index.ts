export { CONTINUE_FAMILY, KEY_CHOICES, METER_CHOICES, REGISTER_CHOICES, REGISTER_MARGINS, continueDescriptor } from './descriptor.ts';
export { emptySeed, parseMeter, type FromNothingSettings } from './from-nothing.ts';
export { continuePlugin } from './plugin.ts';
export { ContinueModel, loadContinueModelFromUrl } from './continue-model.ts';
export { generateContinuations, type ContinueResult, type ContinueRunOptions } from './generate-continuations.ts';
