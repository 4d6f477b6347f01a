import { Worker } from 'node:worker_threads';
import { AleaError } from '../../core/errors.ts';
import type { FromReplica, ReplicaOptions, ToReplica } from './parallel-protocol.ts';
import { driveTraining, stepFigures, validateTrainingOptions, type StepFigures } from './training-loop.ts';
import type { GroupStepFigures, TrainingOptions, TrainingResult } from './training-types.ts';

type Reply<K extends FromReplica['kind']> = Extract<FromReplica, { kind: K }>;

/** One worker thread, asked one thing at a time. */
class Replica {
  private readonly worker: Worker;
  private pending: { resolve: (reply: FromReplica) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;

  constructor() {
    this.worker = new Worker(new URL('./parallel-worker.mjs', import.meta.url));
    this.worker.on('message', (reply: FromReplica) => {
      const waiting = this.pending;
      this.pending = undefined;
      if (!waiting) return;
      if (reply.kind === 'error') waiting.reject(reply.errorKind ? new AleaError(reply.errorKind, reply.message) : new Error(`training worker: ${reply.message}`));
      else waiting.resolve(reply);
    });
    const fail = (error: Error): void => {
      this.failure = error;
      this.pending?.reject(error);
      this.pending = undefined;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`training worker stopped (exit code ${code})`)));
  }

  ask<K extends FromReplica['kind']>(message: ToReplica, expect: K, transfer: ArrayBuffer[] = []): Promise<Reply<K>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<FromReplica>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message, transfer);
    }).then((reply) => {
      if (reply.kind !== expect) throw new Error(`training worker answered ${reply.kind} to ${message.kind}`);
      return reply as Reply<K>;
    });
  }

  async close(): Promise<void> {
    if (!this.failure) await this.ask({ kind: 'close' }, 'closed').catch(() => undefined);
    await this.worker.terminate();
  }
}

function replicaOptions(options: TrainingOptions): ReplicaOptions {
  const { checkpoint: _store, resume: _resume, onProgress: _progress, signal: _signal, pause: _pause, ...rest } = options;
  return rest;
}

/** Every replica computes its shard's gradient; the mean goes back to all of them (the all-reduce runs on this thread). */
async function allReduceStep(replicas: Replica[], step: number): Promise<Array<GroupStepFigures & { group: string }>> {
  const updates: Array<GroupStepFigures & { group: string }> = [];
  let phases = 1;
  for (let phase = 0; phase < phases; phase++) {
    const shards = await Promise.all(replicas.map((r) => r.ask({ kind: 'gradients', step, phase }, 'gradients')));
    phases = shards[0].phases;
    const size = shards[0].gradient.length;
    const mean = new Float32Array(size);
    for (const s of shards) for (let i = 0; i < size; i++) mean[i] += s.gradient[i];
    for (let i = 0; i < size; i++) mean[i] /= replicas.length;
    const applied = await Promise.all(
      replicas.map((r, i) => {
        const gradient = i === replicas.length - 1 ? mean : mean.slice();
        return r.ask({ kind: 'apply', step, phase, gradient }, 'applied', [gradient.buffer]);
      }),
    );
    const loss = shards.reduce((sum, s) => sum + s.loss, 0) / replicas.length;
    updates.push({ group: shards[0].group, loss, gradNorm: applied[0].gradNorm, learningRate: applied[0].learningRate });
  }
  return updates;
}

/**
 * Data-parallel training in Node: `workers` threads (one wasm instance each) build the same
 * task from `taskModuleUrl` (a module exporting `createTrainingTask(config)`), each computes
 * the gradient of its shard of every step's batch (of every group update of the step), the main
 * thread averages them and every replica applies the same update. Same contract and results as
 * `runTraining` on the full batch (up to float rounding); progress, evaluation and checkpoints
 * come from replica 0.
 */
export async function runTrainingParallel(
  taskModuleUrl: string,
  taskConfig: unknown,
  options: TrainingOptions,
  workers = 2,
  backend?: string,
): Promise<TrainingResult> {
  validateTrainingOptions(options);
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be a whole number ≥ 1, got ${workers}`);
  const replicas = Array.from({ length: workers }, () => new Replica());
  try {
    const readies = await Promise.all(
      replicas.map((r, shard) =>
        r.ask({ kind: 'init', moduleUrl: taskModuleUrl, config: taskConfig, options: replicaOptions(options), shard, shardCount: workers, backend }, 'ready'),
      ),
    );
    const { itemsPerBatch, grouped } = readies[0];
    return await driveTraining(
      {
        itemsPerBatch,
        restore: async (checkpoint) => {
          await Promise.all(replicas.map((r) => r.ask({ kind: 'restore', checkpoint }, 'restored')));
        },
        step: async (step) => stepFigures(await allReduceStep(replicas, step), grouped),
        evaluate: async () => (await replicas[0].ask({ kind: 'evaluate' }, 'evaluated')).figures ?? undefined,
        checkpoint: async (step, elapsedSeconds, evals, loss) =>
          (await replicas[0].ask({ kind: 'checkpoint', step, elapsedSeconds, evals, loss }, 'checkpoint')).checkpoint,
      },
      options,
    );
  } finally {
    await Promise.all(replicas.map((r) => r.close()));
  }
}
