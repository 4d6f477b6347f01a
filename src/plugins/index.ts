export * from './types.ts';
export * from './params.ts';
export * from './presets.ts';
export * from './registry.ts';
export * from './state.ts';
export * from './compat.ts';
export * from './host.ts';
export * from './builtin/index.ts';
