// Runtime pieces that run in both Node and the browser. Node-only modules (file I/O, worker
// threads, the Node backend) are in `node.ts`; the browser backend is in `backend-browser.ts`.
export * from './backend.ts';
export * from './fast-ops.ts';
export * from './rng.ts';
export * from './lr-schedule.ts';
export * from './checkpoint.ts';
export * from './adamw.ts';
export * from './trainer.ts';
export * from './training-loop.ts';
export * from './model-card.ts';
export * from './model-io.ts';
export * from './bench-matmul.ts';
