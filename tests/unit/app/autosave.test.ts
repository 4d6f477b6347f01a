// The autosave in IndexedDB (fake-indexeddb here): a save cut short at any point leaves the last
// good snapshot readable, and the next start sweeps what the cut save left behind.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ProjectAutosave, shouldOfferRecovery } from '../../../src/app/lib/autosave.ts';

let dbCount = 0;
const freshName = (): string => `alea-test-${dbCount++}`;
const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
/** a project file as the store keeps it */
const file = (...values: number[]): Blob => new Blob([new Uint8Array(values)]);

/** A clock the test moves. */
function clock(start = 1000): { now: () => number; tick: (ms: number) => void } {
  let t = start;
  return { now: () => t, tick: (ms) => (t += ms) };
}

describe('ProjectAutosave', () => {
  it('keeps the latest snapshot and only that one', async () => {
    const time = clock();
    const store = await ProjectAutosave.open({ name: freshName(), now: time.now });
    expect(await store.read()).toBeNull();
    await store.write(file(1, 2, 3), 'first');
    time.tick(10);
    await store.write(file(4, 5), 'second');
    expect(await store.read()).toEqual(bytes(4, 5));
    expect(await store.current()).toEqual({ title: 'second', at: 1010 });
    expect(await store.snapshotCount()).toBe(1);
    store.close();
  });

  it('a save killed between writing and swapping leaves the previous autosave, and the next start sweeps the orphan', async () => {
    const name = freshName();
    let cut = false;
    const store = await ProjectAutosave.open({
      name,
      beforeSwap: () => {
        if (cut) throw new Error('the tab was killed');
      },
    });
    await store.write(file(7, 7, 7), 'good');
    cut = true;
    await expect(store.write(file(9, 9), 'half-written')).rejects.toThrow('killed');
    expect(await store.read()).toEqual(bytes(7, 7, 7));
    expect(await store.snapshotCount()).toBe(2); // the orphan, until the next start
    store.close();

    const next = await ProjectAutosave.open({ name });
    expect(await next.read()).toEqual(bytes(7, 7, 7));
    expect((await next.current())?.title).toBe('good');
    expect(await next.snapshotCount()).toBe(1);
    next.close();
  });

  it('a swap whose transaction never commits leaves the previous autosave', async () => {
    const name = freshName();
    const store = await ProjectAutosave.open({ name });
    await store.write(file(1), 'good');
    store.close();
    // a tab killed during the swap: its transaction is rolled back, never half applied
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = raw.transaction(['snapshots', 'meta'], 'readwrite');
    tx.objectStore('snapshots').put({ file: file(2), title: 'new', at: 5 }, 'new-key');
    tx.objectStore('meta').put({ kind: 'current', snapshot: 'new-key', title: 'new', at: 5 }, 'current');
    tx.abort();
    await new Promise((resolve) => (tx.onabort = resolve));
    raw.close();
    const next = await ProjectAutosave.open({ name });
    expect(await next.read()).toEqual(bytes(1));
    next.close();
  });

  it('a write refused by the browser (storage full) rejects and keeps the previous autosave', async () => {
    const store = await ProjectAutosave.open({ name: freshName() });
    await store.write(file(5), 'kept');
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function refuse(): IDBRequest<IDBValidKey> {
      throw new DOMException('the quota has been exceeded', 'QuotaExceededError');
    };
    try {
      const error = await store.write(file(6), 'lost').catch((e: unknown) => e);
      expect(error instanceof DOMException && error.name).toBe('QuotaExceededError');
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(await store.read()).toEqual(bytes(5));
    store.close();
  });

  it('never points at a snapshot another tab swept while it was written', async () => {
    const name = freshName();
    const first = await ProjectAutosave.open({ name });
    await first.write(file(3), 'good');
    let other: ProjectAutosave | null = null;
    const writer = await ProjectAutosave.open({ name, beforeSwap: async () => void (other = await ProjectAutosave.open({ name })) });
    await expect(writer.write(file(4), 'swept')).rejects.toThrow('previous one is kept');
    expect(await first.read()).toEqual(bytes(3));
    for (const store of [first, writer, other]) store?.close();
  });

  it('offers recovery only for an autosave newer than the last save to a file', async () => {
    const time = clock();
    const store = await ProjectAutosave.open({ name: freshName(), now: time.now });
    expect(shouldOfferRecovery(await store.current(), await store.lastSave())).toBe(false);
    await store.write(file(1), 'tune');
    expect(shouldOfferRecovery(await store.current(), await store.lastSave())).toBe(true);
    time.tick(5);
    await store.markSaved('tune');
    expect(shouldOfferRecovery(await store.current(), await store.lastSave())).toBe(false);
    time.tick(5);
    await store.write(file(2), 'tune');
    expect(shouldOfferRecovery(await store.current(), await store.lastSave())).toBe(true);
    await store.discard();
    expect(await store.current()).toBeNull();
    expect(await store.snapshotCount()).toBe(0);
    store.close();
  });
});
