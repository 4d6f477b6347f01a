// The Fine-tune section's side of the run: what it sends the ML worker, the loss points handed on
// as they come, what it says when saved, a cancel that rejects, a bad name refused before sending.
import { describe, expect, it } from 'vitest';
import { requestFineTune, savedLine, suggestName, type FineTuneInput } from '../../../src/app/lib/fine-tune-run.ts';
import { errorToLine } from '../../../src/app/lib/error-line.ts';
import { isAbortError } from '../../../src/app/worker/worker-client.ts';
import { lossRange } from '../../../src/app/lib/draw-loss-plot.ts';
import type { FineTuneRequest, WorkerReply } from '../../../src/app/worker/protocol.ts';
import { WorkerClient, type WorkerPort } from '../../../src/app/worker/worker-client.ts';

type Listener = (event: MessageEvent<WorkerReply>) => void;

/** A worker that answers a fine-tune with `steps` progress replies, then `finish` (or waits for a cancel). */
function fakeWorker(finish: 'result' | 'error' | 'hang') {
  const listeners: Listener[] = [];
  const sent: Parameters<WorkerPort['postMessage']>[0][] = [];
  const send = (reply: WorkerReply): void => listeners.forEach((l) => l({ data: reply } as MessageEvent<WorkerReply>));
  const port: WorkerPort = {
    postMessage(message) {
      sent.push(message);
      if (message.kind !== 'fine-tune') return;
      const request: FineTuneRequest = message;
      queueMicrotask(() => {
        for (let step = 1; step <= request.steps; step++) {
          send({ kind: 'progress', id: request.id, fraction: step / request.steps, training: { step, steps: request.steps, loss: 3 - step / 10, stepsPerSecond: 2, backend: 'webgl' } });
        }
        if (finish === 'error') send({ kind: 'error', id: request.id, message: 'notes.mid: not a MIDI file' });
        if (finish === 'result') {
          send({
            kind: 'fine-tune-result', id: request.id, backend: 'webgl', steps: request.steps, finalLoss: 2.5, valLoss: null, stepsPerSecond: 2, seconds: 1,
            model: { name: `user:${request.saveAs}`, family: 'transformer', plugins: ['continue'], description: '', trainedOn: '', steps: 5, parameters: 1, metrics: {}, weightsHash: 'abc' },
          });
        }
      });
    },
    addEventListener(type: 'message' | 'error', listener: Listener | ((event: ErrorEvent) => void)) {
      if (type === 'message') listeners.push(listener as Listener);
    },
    terminate() {},
  };
  return { client: new WorkerClient(port), sent };
}

const midi = (name: string) => new File([new Uint8Array([77, 84, 104, 100])], name);
const INPUT: FineTuneInput = { base: 'folk-nottingham', saveAs: ' my-tunes ', files: [midi('My Tune.mid'), midi('b.mid')], steps: 5, batchSize: 4, holdOut: true };

describe('fine-tune run', () => {
  it('sends the files and settings, hands on every step, and says what was saved', async () => {
    const { client, sent } = fakeWorker('result');
    const points: number[] = [];
    const result = await requestFineTune(client, INPUT, { onPoint: (p) => points.push(p.step) });
    const request = sent.find((m) => m.kind === 'fine-tune');
    expect(request).toMatchObject({ base: 'folk-nottingham', saveAs: 'my-tunes', steps: 5, batchSize: 4, holdOut: true });
    expect(request?.kind === 'fine-tune' && request.files.map((f) => [f.name, Array.from(f.bytes)])).toEqual([['My Tune.mid', [77, 84, 104, 100]], ['b.mid', [77, 84, 104, 100]]]);
    expect(points).toEqual([1, 2, 3, 4, 5]);
    expect(result.model.name).toBe('user:my-tunes');
    expect(savedLine(result)).toBe('Saved “my-tunes”: 5 steps on webgl, final loss 2.50 (2.0 steps/s). It is picked above, under Your models.');
  });

  it('a refused file is one line; a cancel rejects with an AbortError', async () => {
    const refused = await requestFineTune(fakeWorker('error').client, INPUT).catch((e: unknown) => e);
    expect(errorToLine(refused)).toBe('notes.mid: not a MIDI file');
    const controller = new AbortController();
    const run = requestFineTune(fakeWorker('hang').client, INPUT, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 0));
    controller.abort();
    expect(isAbortError(await run.catch((e: unknown) => e))).toBe(true);
  });

  it('refuses a name a model cannot have before sending anything', async () => {
    const { client, sent } = fakeWorker('result');
    await expect(requestFineTune(client, { ...INPUT, saveAs: 'my tunes' })).rejects.toThrow(/model name/);
    expect(sent).toEqual([]);
  });

  it('names and plot ranges', () => {
    expect(suggestName('Über Song (live).MID')).toBe('ber-Song-live-tuned');
    expect(suggestName('My Tune.mid')).toBe('My-Tune-tuned');
    expect(suggestName('.mid')).toBe('my-model-tuned');
    expect(lossRange([])).toEqual([0, 1]);
    const [lo, hi] = lossRange([{ step: 1, steps: 2, loss: 2, stepsPerSecond: 1, backend: 'cpu' }, { step: 2, steps: 2, loss: 1, valLoss: 3, stepsPerSecond: 1, backend: 'cpu' }]);
    expect(lo).toBeLessThan(1);
    expect(hi).toBeGreaterThan(3);
  });
});
