// Node-only parts of the Continue model family: data folders, training with worker threads, evaluation on folders.
export * from './train/dataset-node.ts';
export * from './model/model-loader-node.ts';
export * from './train/training-task.ts';
export * from './train/train-transformer.ts';
export * from './eval/evaluate-node.ts';
