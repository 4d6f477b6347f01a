/**
 * What the Fine-tune section starts with, and the most a run may ask for (the worker checks the
 * same limits). Plain numbers: the page imports them without pulling in tfjs.
 */
export const FINE_TUNE_SETTINGS = {
  steps: { default: 300, min: 1, max: 5000 },
  /** training windows per step: fewer is faster per step and lighter on GPU memory */
  batchSize: { default: 4, min: 1, max: 32 },
} as const;
