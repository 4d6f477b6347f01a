export * from './backend.ts';
export * from './fast-ops.ts';
export * from './rng.ts';
export * from './lr-schedule.ts';
export * from './checkpoint.ts';
export * from './adamw.ts';
export * from './trainer.ts';
export * from './training-loop.ts';
