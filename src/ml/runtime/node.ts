// Node-only runtime: backend start-up (wasm, cpu), model folders on disk, folder checkpoints
// and data-parallel training on worker threads. Never imported by browser code.
export * from './backend-node.ts';
export * from './model-io-node.ts';
export * from './checkpoint-node.ts';
export * from './parallel-training.ts';
export * from './bench-parallel.ts';
export type { ReplicaOptions, TrainingTaskModule } from './parallel-protocol.ts';
