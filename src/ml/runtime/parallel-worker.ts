import * as tf from '@tensorflow/tfjs';
import { parentPort } from 'node:worker_threads';
import { isAleaError } from '../../core/errors.ts';
import { initBackend } from './backend-node.ts';
import { parseBackendName } from './backend.ts';
import type { FromReplica, ToReplica, TrainingTaskModule } from './parallel-protocol.ts';
import { Trainer } from './trainer.ts';
import type { TrainingTask } from './training-types.ts';

/**
 * One data-parallel replica (a worker thread with its own wasm instance): builds the task,
 * computes gradients on its shard of each step's batch and applies the averaged gradient the
 * main thread sends back, so every replica's weights stay identical.
 */

let task: TrainingTask<unknown> | undefined;
let trainer: Trainer<unknown> | undefined;
let shard = 0;
let shardCount = 1;

function ready(): { task: TrainingTask<unknown>; trainer: Trainer<unknown> } {
  if (!task || !trainer) throw new Error('replica used before init');
  return { task, trainer };
}

function phaseGroup(phases: string[], phase: number): string {
  const group = phases[phase];
  if (group === undefined) throw new Error(`a step has ${phases.length} group updates, not ${phase + 1}`);
  return group;
}

function isTaskModule(value: unknown): value is TrainingTaskModule {
  return typeof value === 'object' && value !== null && typeof (value as Partial<TrainingTaskModule>).createTrainingTask === 'function';
}

async function handle(message: ToReplica): Promise<{ reply: FromReplica; transfer?: ArrayBuffer[] }> {
  switch (message.kind) {
    case 'init': {
      // No backend named: ALEA_BACKEND (shared with the parent), else wasm.
      const backend = await initBackend({ prefer: parseBackendName(message.backend) });
      const loaded: unknown = await import(message.moduleUrl);
      if (!isTaskModule(loaded)) throw new Error(`${message.moduleUrl} does not export createTrainingTask(config)`);
      task = await loaded.createTrainingTask(message.config);
      trainer = new Trainer(task, message.options);
      shard = message.shard;
      shardCount = message.shardCount;
      return { reply: { kind: 'ready', itemsPerBatch: task.itemsPerBatch, backend: backend.name, grouped: trainer.grouped } };
    }
    case 'restore':
      ready().trainer.restore(message.checkpoint);
      return { reply: { kind: 'restored' } };
    case 'gradients': {
      const t = ready().trainer;
      const phases = t.phases(message.step);
      const group = phaseGroup(phases, message.phase);
      const { loss, grads } = t.gradients(message.step, shard, shardCount, group);
      const gradient = t.flatten(grads);
      tf.dispose(grads);
      return { reply: { kind: 'gradients', loss, gradient, group, phases: phases.length }, transfer: [gradient.buffer as ArrayBuffer] };
    }
    case 'apply': {
      const t = ready().trainer;
      const group = phaseGroup(t.phases(message.step), message.phase);
      const grads = t.unflatten(message.gradient, group);
      const gradNorm = t.apply(grads, message.step, group);
      tf.dispose(grads);
      return { reply: { kind: 'applied', gradNorm, learningRate: t.learningRate(message.step, group) } };
    }
    case 'evaluate': {
      const current = ready().task;
      const figures = current.evaluate ? await current.evaluate() : null;
      return { reply: { kind: 'evaluated', figures } };
    }
    case 'checkpoint':
      return { reply: { kind: 'checkpoint', checkpoint: ready().trainer.checkpoint(message.step, message.elapsedSeconds, message.evals, message.loss) } };
    case 'close':
      trainer?.dispose();
      task?.dispose();
      trainer = undefined;
      task = undefined;
      return { reply: { kind: 'closed' } };
  }
}

const port = parentPort;
if (!port) throw new Error('parallel-worker.ts runs only as a worker thread');
port.on('message', (message: ToReplica) => {
  handle(message).then(
    ({ reply, transfer }) => port.postMessage(reply, transfer ?? []),
    (error: unknown) => {
      const reply: FromReplica = isAleaError(error)
        ? { kind: 'error', message: error.message, errorKind: error.kind }
        : { kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      port.postMessage(reply);
    },
  );
});
