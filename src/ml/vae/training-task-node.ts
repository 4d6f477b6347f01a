/**
 * The timbre VAE's training task built from files on disk: what `alea train vae` runs, on this
 * thread or in each data-parallel worker (`createTrainingTask` is the export the runtime's
 * workers look for).
 */
import * as tf from '@tensorflow/tfjs';
import { AleaError } from '../../core/errors.ts';
import { loadModelFolderArrays } from '../runtime/model-io-node.ts';
import { prefixFigures, type TrainingTask } from '../runtime/training-types.ts';
import type { VaeConfig } from './config.ts';
import { loadNoteSet, noteSetFeatures } from './note-set-node.ts';
import type { NoteFeatures } from './note-features.ts';
import { createVaeTrainingTask, fineMaxHzOf, type VaeBatch, type VaeTrainingOptions } from './training-task.ts';
import { validationFigures } from './validation-figures.ts';
import type { VaeVariables } from './model.ts';

export interface VaeTrainingJob {
  config: VaeConfig;
  training: VaeTrainingOptions;
  dataDir: string;
  validationDir?: string;
  /** a timbre VAE folder whose weights (same layer sizes) the run starts from */
  initDir?: string;
}

export async function loadTrainingFeatures(job: VaeTrainingJob): Promise<{ train: NoteFeatures; validation?: NoteFeatures }> {
  const fineMaxHz = fineMaxHzOf(job.training);
  const train = noteSetFeatures(await loadNoteSet(job.dataDir), job.config, { fineMaxHz });
  const validation = job.validationDir ? noteSetFeatures(await loadNoteSet(job.validationDir), job.config, { limit: 256, fineMaxHz }) : undefined;
  return { train, validation };
}

export async function createTrainingTask(job: VaeTrainingJob): Promise<TrainingTask<VaeBatch>> {
  const { train, validation } = await loadTrainingFeatures(job);
  const figures = (data: NoteFeatures, notes: number): Record<string, number> => validationFigures(task.vars, data, task.noiseMatrix, notes, job.training);
  const task = createVaeTrainingTask(train, job.training, () => ({
    ...prefixFigures('train', figures(train, 64)),
    ...(validation ? prefixFigures('heldOut', figures(validation, 128)) : {}),
  }));
  if (job.initDir !== undefined) await initialiseVaeFrom(task.vars, job.initDir);
  return task;
}

/** Copies a saved model's weights into the fresh variables (every variable, same shapes). */
export async function initialiseVaeFrom(vars: VaeVariables, dir: string): Promise<void> {
  const { weights } = await loadModelFolderArrays(dir);
  for (const [name, variable] of Object.entries(vars)) {
    const saved = weights[name];
    if (saved === undefined || saved.shape.join('x') !== variable.shape.join('x')) {
      throw new AleaError('model', `${dir}: cannot start from this model: '${name}' is ${saved ? saved.shape.join('×') : 'missing'}, the recipe needs ${variable.shape.join('×')}`);
    }
    tf.tidy(() => variable.assign(tf.tensor(Float32Array.from(saved.values), saved.shape)));
  }
}
