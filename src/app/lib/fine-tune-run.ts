/**
 * The page's side of a fine-tune (plain TypeScript, so tests run it without Svelte): reads the
 * picked files, sends them to the ML worker, hands on each step's figures, and says the outcome.
 */
import { userModelName, userModelRef } from './user-models.ts';
import type { FineTuneResultReply, TrainingPoint } from '../worker/protocol.ts';
import type { WorkerClient } from '../worker/worker-client.ts';

export interface FineTuneInput {
  /** the model to start from: a shipped name or `user:<name>` */
  base: string;
  /** the name to save under, as the user typed it */
  saveAs: string;
  files: readonly Pick<File, 'name' | 'arrayBuffer'>[];
  steps: number;
  batchSize: number;
  holdOut: boolean;
}

/**
 * Runs a fine-tune in the ML worker. A bad name is refused here, before any file is read;
 * aborting `signal` cancels it there (rejecting with an AbortError).
 */
export async function requestFineTune(
  worker: WorkerClient,
  input: FineTuneInput,
  options: { signal?: AbortSignal; onPoint?: (point: TrainingPoint) => void } = {},
): Promise<FineTuneResultReply> {
  userModelRef(input.saveAs);
  const files = await Promise.all(input.files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  return worker.request(
    'fine-tune',
    { base: input.base, saveAs: input.saveAs.trim(), files, steps: input.steps, batchSize: input.batchSize, holdOut: input.holdOut },
    {
      signal: options.signal,
      transfer: files.map((f) => f.bytes.buffer as ArrayBuffer),
      onProgress: (p) => {
        if (p.training !== undefined) options.onPoint?.(p.training);
      },
    },
  );
}

/** What the panel says once the model is saved. */
export function savedLine(result: FineTuneResultReply): string {
  const heldOut = result.valLoss === null ? '' : `, held-out ${result.valLoss.toFixed(2)}`;
  return `Saved “${userModelName(result.model.name)}”: ${result.steps} steps on ${result.backend}, final loss ${result.finalLoss.toFixed(2)}${heldOut} (${result.stepsPerSecond.toFixed(1)} steps/s). It is picked above, under Your models.`;
}

/** A model name from a file name: its stem, with what a name cannot hold made '-'. */
export function suggestName(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${stem.slice(0, 30) || 'my-model'}-tuned`;
}
