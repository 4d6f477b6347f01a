// Node-only parts of the Continue model family: data folders, training with worker threads, evaluation on folders.
export * from './dataset-node.ts';
export * from './midi-to-song.ts';
export * from './model-loader-node.ts';
export * from './training-task.ts';
export * from './train-transformer.ts';
export * from './evaluate-node.ts';
