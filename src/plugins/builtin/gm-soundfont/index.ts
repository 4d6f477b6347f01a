export * from './bank-source.ts';
export * from './descriptor.ts';
export * from './gm-instrument.ts';
export * from './plugin.ts';
