import { readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { CheckpointStore, NamedArrays, TrainingCheckpoint } from './checkpoint.ts';
import { parseModelFile } from './model-card.ts';
import type { WeightArrays } from './model-io.ts';
import { loadModelFolderArrays, removeModelFolder, saveModelFolderArrays } from './model-io-node.ts';

const LATEST = 'latest.json';
const PREFIX = { weights: 'weights/', first: 'adam.m/', second: 'adam.v/' } as const;

const CheckpointStateSchema = z.object({
  family: z.literal('checkpoint'),
  step: z.number().int().nonnegative(),
  seed: z.number(),
  updates: z.number().int().nonnegative(),
  groupUpdates: z.record(z.string(), z.number().int().nonnegative()).optional(),
  rng: z.object({ c: z.number(), s0: z.number(), s1: z.number(), s2: z.number() }).optional(),
  elapsedSeconds: z.number().nonnegative(),
  loss: z.number().optional(),
  evals: z.array(z.object({ step: z.number(), figures: z.record(z.string(), z.number()) })),
});

const LatestSchema = z.object({ folder: z.string().regex(/^step-\d+$/) });

function folderName(step: number): string {
  return `step-${String(step).padStart(8, '0')}`;
}

/**
 * Checkpoints as model folders under `dir` (`step-00000123/`, each checked by sha256 like any
 * model), with `latest.json` naming the newest. The pointer is replaced atomically, and older
 * folders are removed only after it, so an interrupted save never loses the last good checkpoint.
 */
export class FolderCheckpointStore implements CheckpointStore {
  constructor(readonly dir: string) {}

  async save(cp: TrainingCheckpoint): Promise<void> {
    const weights: WeightArrays = {};
    const add = (prefix: string, arrays: NamedArrays): void => {
      for (const [name, a] of Object.entries(arrays)) weights[prefix + name] = a;
    };
    add(PREFIX.weights, cp.weights);
    add(PREFIX.first, cp.optimizer.firstMoments);
    add(PREFIX.second, cp.optimizer.secondMoments);
    const folder = folderName(cp.step);
    const state: z.infer<typeof CheckpointStateSchema> = {
      family: 'checkpoint',
      step: cp.step,
      seed: cp.seed,
      updates: cp.optimizer.updates,
      ...(cp.optimizer.groupUpdates ? { groupUpdates: cp.optimizer.groupUpdates } : {}),
      ...(cp.rng ? { rng: cp.rng } : {}),
      elapsedSeconds: cp.elapsedSeconds,
      ...(cp.loss === undefined ? {} : { loss: cp.loss }),
      evals: cp.evals,
    };
    await saveModelFolderArrays(join(this.dir, folder), {
      weights,
      config: state,
      card: {
        name: folder,
        family: 'checkpoint',
        description: 'training checkpoint: weights and AdamW moments',
        trainedOn: '',
        steps: cp.step,
        trainingTimeSeconds: cp.elapsedSeconds,
        parameters: Object.values(cp.weights).reduce((n, a) => n + a.values.length, 0),
        metrics: cp.evals.at(-1)?.figures ?? {},
        createdWith: 'alea',
      },
    });
    const pointer = join(this.dir, LATEST);
    await writeFile(`${pointer}.tmp`, `${JSON.stringify({ folder })}\n`);
    await rename(`${pointer}.tmp`, pointer);
    for (const entry of await readdir(this.dir)) {
      if (entry.startsWith('step-') && entry !== folder) await removeModelFolder(join(this.dir, entry));
    }
  }

  async latest(): Promise<TrainingCheckpoint | null> {
    let text: string;
    try {
      text = await readFile(join(this.dir, LATEST), 'utf8');
    } catch {
      return null;
    }
    const { folder } = parseModelFile(LATEST, text, LatestSchema);
    const loaded = await loadModelFolderArrays(join(this.dir, folder));
    const state = parseModelFile('config.json', JSON.stringify(loaded.config), CheckpointStateSchema);
    const pick = (prefix: string): NamedArrays => {
      const out: NamedArrays = {};
      for (const [name, a] of Object.entries(loaded.weights)) {
        if (name.startsWith(prefix)) out[name.slice(prefix.length)] = { shape: a.shape, values: Float32Array.from(a.values) };
      }
      return out;
    };
    return {
      step: state.step,
      seed: state.seed,
      weights: pick(PREFIX.weights),
      optimizer: {
        updates: state.updates,
        firstMoments: pick(PREFIX.first),
        secondMoments: pick(PREFIX.second),
        ...(state.groupUpdates ? { groupUpdates: state.groupUpdates } : {}),
      },
      ...(state.rng ? { rng: state.rng } : {}),
      elapsedSeconds: state.elapsedSeconds,
      ...(state.loss === undefined ? {} : { loss: state.loss }),
      evals: state.evals,
    };
  }
}
