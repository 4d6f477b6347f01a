export * from './bank.ts';
export * from './gm-programs.ts';
export * from './note-set.ts';
export * from './render-note.ts';
export * from './render-song.ts';
export * from './style-set.ts';
export * from './styles.ts';
