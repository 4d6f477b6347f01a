// A WAV export waits for the instruments still being built (an imported MIDI's GM voices, made one
// track after another in the ML worker), so the file sounds as the tracks will, not as their stand-ins.
import { describe, expect, it } from 'vitest';
import { TrackInstruments } from '../../../src/app/state/gm-instruments.svelte.ts';
import type { BackendStatus } from '../../../src/app/state/backend-status.svelte.ts';
import type { TrackState } from '../../../src/app/state/track-state.svelte.ts';
import type { Workstation } from '../../../src/app/state/workstation.svelte.ts';
import type { WorkerClient } from '../../../src/app/worker/worker-client.ts';

/** An ML worker whose voice jobs finish when the test says, in order. */
function slowWorker(): { client: WorkerClient; asked: number[]; finishNext: () => void } {
  const waiting: (() => void)[] = [];
  const asked: number[] = [];
  const request = (_kind: string, body: { job: { params: { program: number } } }): Promise<unknown> => {
    asked.push(body.job.params.program);
    const voice = { kind: 'synth', oscillator: 'sine', attack: 0.01, decay: 0.1, sustain: 0.5, release: 0.2, volume: 0 };
    return new Promise((resolve) => waiting.push(() => resolve({ result: { kind: 'instrument', voice } })));
  };
  const client = { request } as unknown as WorkerClient;
  return { client, asked, finishNext: () => waiting.shift()?.() };
}

/** Lets the promises queued so far (a voice landing, the next track's request) run. */
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function tracks(programs: number[]): TrackState[] {
  return programs.map((program, id) => ({ id, name: `track ${id}`, midi: { program, isDrum: false } }) as unknown as TrackState);
}

describe('instruments settled before a WAV export', () => {
  it('waits for every track of an import, built one after another, and for a choice made meanwhile', async () => {
    const worker = slowWorker();
    const rows = tracks([73, 33]);
    const landed: number[] = [];
    const workstation = {
      tracks: rows,
      trackInstruments: new Map(),
      setTrackInstrument: (row: TrackState) => {
        landed.push(row.id);
        return Promise.resolve();
      },
      messages: { error: (error: unknown) => expect.fail(String(error)) },
    } as unknown as Workstation;
    const backend = { worker: Promise.resolve(worker.client), told: () => false } as unknown as BackendStatus;
    const instruments = new TrackInstruments(workstation, backend);

    void instruments.assignGm();
    let settled = false;
    const done = instruments.settled().then(() => (settled = true));
    await tick();
    expect(worker.asked).toEqual([73]); // the second track is asked for only after the first lands
    worker.finishNext();
    await tick();
    expect(landed).toEqual([0]);
    expect(worker.asked).toEqual([73, 33]);
    expect(settled).toBe(false); // the first voice alone does not settle it
    void instruments.choose(rows[0], 'gm:40'); // a choice made while the import's voices build
    worker.finishNext();
    await tick();
    expect(landed).toEqual([0, 1]);
    expect(settled).toBe(false);
    worker.finishNext();
    await done;
    expect(landed).toEqual([0, 1, 0]);
    expect(settled).toBe(true);
  });

  it("starts rendering an opened file's voices only once its rows are shown, and export waits for that too", async () => {
    const worker = slowWorker();
    const rows = tracks([0]);
    const workstation = { tracks: rows, trackInstruments: new Map(), setTrackInstrument: () => Promise.resolve() } as unknown as Workstation;
    const backend = { worker: Promise.resolve(worker.client), told: () => false } as unknown as BackendStatus;
    let show = (): void => {};
    const shown = new Promise<void>((resolve) => (show = resolve));
    const instruments = new TrackInstruments(workstation, backend, () => shown);
    void instruments.assignGm();
    let settled = false;
    const done = instruments.settled().then(() => (settled = true));
    await tick();
    expect(worker.asked).toEqual([]);
    expect(settled).toBe(false);
    show();
    await tick();
    expect(worker.asked).toEqual([0]);
    worker.finishNext();
    await done;
    expect(settled).toBe(true);
  });

  it("gives a GM voice only to MIDI tracks that have no instrument chosen (not to audio tracks)", async () => {
    const worker = slowWorker();
    const rows = [...tracks([73, 33, 40]), { id: 9, name: 'audio', midi: null } as unknown as TrackState];
    const workstation = { tracks: rows, trackInstruments: new Map([[1, {}]]), setTrackInstrument: () => Promise.resolve() } as unknown as Workstation;
    const backend = { worker: Promise.resolve(worker.client), told: () => false } as unknown as BackendStatus;
    const instruments = new TrackInstruments(workstation, backend);
    void instruments.assignGm();
    await tick();
    worker.finishNext();
    await tick();
    worker.finishNext();
    await instruments.settled();
    expect(worker.asked).toEqual([73, 40]);
  });

  it('settles at once when nothing is being built', async () => {
    const instruments = new TrackInstruments({ tracks: [], trackInstruments: new Map() } as unknown as Workstation, {} as BackendStatus);
    await expect(instruments.settled()).resolves.toBeUndefined();
  });
});
