export { CONTINUE_MODELS, KEY_CHOICES, continueDescriptor, type ContinueModelName } from './descriptor.ts';
export { ContinueModel, loadContinueModelFromUrl } from './continue-model.ts';
export { generateContinuations, type ContinueResult, type ContinueRunOptions } from './generate-continuations.ts';
