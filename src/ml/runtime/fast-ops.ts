// Ops that train fast on the wasm backend (plain 2-D products, no kernels wasm lacks).
export * from './matmul-ops.ts';
export * from './dft-ops.ts';
export * from './conv-ops.ts';
export * from './loss-ops.ts';
