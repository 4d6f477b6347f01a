import { Worker } from 'node:worker_threads';
import { AleaError } from '../../core/errors.ts';
import type { TrainingCheckpoint } from './checkpoint.ts';
import type { FromReplica, ReplicaOptions, ToReplica } from './parallel-protocol.ts';
import { isCheckpointStep, isEvalStep, validateTrainingOptions } from './training-loop.ts';
import type { TrainingOptions, TrainingResult } from './training-types.ts';
import { learningRateAt } from './lr-schedule.ts';

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
  const { checkpoint: _store, resume: _resume, onProgress: _progress, signal: _signal, ...rest } = options;
  return rest;
}

/**
 * Data-parallel training in Node: `workers` threads (one wasm instance each) build the same
 * task from `taskModuleUrl` (a module exporting `createTrainingTask(config)`), each computes
 * the gradient of its shard of every step's batch, the main thread averages them and every
 * replica applies the same update. Same contract and results as `runTraining` on the full batch
 * (up to float rounding); progress, evaluation and checkpoints come from replica 0.
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
    const { size, itemsPerBatch } = readies[0];
    let start = 0;
    let earlierSeconds = 0;
    let evals: TrainingCheckpoint['evals'] = [];
    let finalLoss = Number.NaN;
    if (options.resume && options.checkpoint) {
      const cp = await options.checkpoint.store.latest();
      if (cp) {
        await Promise.all(replicas.map((r) => r.ask({ kind: 'restore', checkpoint: cp }, 'restored')));
        start = Math.min(cp.step, options.steps);
        earlierSeconds = cp.elapsedSeconds;
        evals = cp.evals;
        finalLoss = cp.loss ?? Number.NaN;
      }
    }
    const began = performance.now();
    const elapsed = (): number => earlierSeconds + (performance.now() - began) / 1000;
    const save = async (done: number): Promise<void> => {
      const reply = await replicas[0].ask({ kind: 'checkpoint', step: done, elapsedSeconds: elapsed(), evals, loss: finalLoss }, 'checkpoint');
      await options.checkpoint?.store.save(reply.checkpoint);
    };
    let computeSeconds = 0;
    let done = start;
    let savedAt = start;
    let stopped = false;

    for (let step = start; step < options.steps; step++) {
      if (options.signal?.aborted) {
        stopped = true;
        break;
      }
      const t0 = performance.now();
      const shards = await Promise.all(replicas.map((r) => r.ask({ kind: 'gradients', step }, 'gradients')));
      // All-reduce through this thread: average, then send every replica the same gradient.
      const mean = new Float32Array(size);
      for (const s of shards) for (let i = 0; i < size; i++) mean[i] += s.gradient[i];
      for (let i = 0; i < size; i++) mean[i] /= workers;
      const applied = await Promise.all(
        replicas.map((r, i) => {
          const gradient = i === workers - 1 ? mean : mean.slice();
          return r.ask({ kind: 'apply', step, gradient }, 'applied', [gradient.buffer]);
        }),
      );
      computeSeconds += (performance.now() - t0) / 1000;
      const loss = shards.reduce((sum, s) => sum + s.loss, 0) / workers;
      finalLoss = loss;
      done = step + 1;

      const figures = isEvalStep(done, options) ? (await replicas[0].ask({ kind: 'evaluate' }, 'evaluated')).figures : null;
      if (figures) evals.push({ step: done, figures });
      options.onProgress?.({
        step: done,
        steps: options.steps,
        loss,
        learningRate: learningRateAt(step, options.steps, options.learningRate),
        gradNorm: applied[0].gradNorm,
        itemsPerSecond: ((done - start) * itemsPerBatch) / Math.max(computeSeconds, 1e-9),
        elapsedSeconds: elapsed(),
        ...(figures ? { eval: figures } : {}),
      });
      if (isCheckpointStep(done, options)) {
        await save(done);
        savedAt = done;
      }
    }
    if (stopped && options.checkpoint && done > savedAt) await save(done);
    return { finalLoss, steps: done, seconds: elapsed(), evals, stopped };
  } finally {
    await Promise.all(replicas.map((r) => r.close()));
  }
}
