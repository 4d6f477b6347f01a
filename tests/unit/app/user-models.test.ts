// Your models in the browser's storage (fake-indexeddb here): saved whole, listed without their
// weights, read back byte for byte after the store is opened again (a reload), and deleted.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IdbUserModelStore, listUserModels, userModelName, userModelRef, type SavedUserModel } from '../../../src/app/lib/user-models.ts';

function saved(name: string, plugins: string[], at: number): SavedUserModel {
  return {
    entry: { name, family: 'transformer', plugins, description: 'd', trainedOn: 't', steps: 1, parameters: 1, metrics: {}, weightsHash: 'abc' },
    savedAt: at,
  };
}

describe('user model store', () => {
  it('keeps a model across a reopen, lists it for the plugins that run it, and deletes it', async () => {
    const db = `user-models-${Math.random()}`;
    const first = await IdbUserModelStore.open(db);
    const shard = new Uint8Array([1, 2, 3, 4, 250]);
    await first.save(saved('user:b', ['continue'], 2), new Map([['group1-shard1of1.bin', shard]]));
    await first.save(saved('user:a', ['continue', 'infill'], 1), new Map([['card.json', new Uint8Array([123])]]));

    const reopened = await IdbUserModelStore.open(db);
    expect((await reopened.list()).map((m) => m.entry.name)).toEqual(['user:a', 'user:b']);
    expect(await listUserModels('infill', reopened)).toHaveLength(1);
    const read = await reopened.reader('user:b');
    expect(Array.from((await read('group1-shard1of1.bin')) ?? [])).toEqual([1, 2, 3, 4, 250]);
    expect(await read('model.json')).toBeNull();

    await reopened.delete('user:b');
    expect((await reopened.list()).map((m) => m.entry.name)).toEqual(['user:a']);
    await expect(reopened.reader('user:b')).rejects.toThrow("your model 'b' is no longer in this browser's storage");
  });

  it('names: user:<name>, checked', () => {
    expect(userModelRef(' my-tunes_2 ')).toBe('user:my-tunes_2');
    expect(userModelName('user:my-tunes_2')).toBe('my-tunes_2');
    expect(userModelName('folk-nottingham')).toBe('folk-nottingham');
    expect(() => userModelRef('')).toThrow(/model name/);
    expect(() => userModelRef('a/b')).toThrow(/model name/);
  });
});
