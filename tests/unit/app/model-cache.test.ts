import { describe, expect, it } from 'vitest';
import { SingleModelCache } from '../../../src/app/lib/model-cache.ts';

class FakeModel {
  disposed = false;
  constructor(readonly name: string) {}
  dispose(): void {
    this.disposed = true;
  }
}

function loader(failFirst: string[] = []) {
  const loads: string[] = [];
  const failing = new Set(failFirst);
  const load = async (name: string): Promise<FakeModel> => {
    loads.push(name);
    if (failing.delete(name)) throw new Error(`cannot load ${name}`);
    return new FakeModel(name);
  };
  return { load, loads };
}

describe('SingleModelCache', () => {
  it('loads a model once and shares a load under way', async () => {
    const { load, loads } = loader();
    const cache = new SingleModelCache(load);
    const [a, b] = await Promise.all([cache.get('chorale-jsb'), cache.get('chorale-jsb')]);
    expect(a).toBe(b);
    expect(await cache.get('chorale-jsb')).toBe(a);
    expect(loads).toEqual(['chorale-jsb']);
  });

  it('disposes the model it replaces', async () => {
    const { load, loads } = loader();
    const cache = new SingleModelCache(load);
    const first = await cache.get('chorale-jsb');
    const second = await cache.get('folk-nottingham');
    expect(first.disposed).toBe(true);
    expect(second.disposed).toBe(false);
    expect(cache.name).toBe('folk-nottingham');
    await cache.release();
    expect(second.disposed).toBe(true);
    expect(cache.name).toBeNull();
    expect(loads).toEqual(['chorale-jsb', 'folk-nottingham']);
  });

  it('tries again after a failed load', async () => {
    const { load, loads } = loader(['chorale-jsb']);
    const cache = new SingleModelCache(load);
    await expect(cache.get('chorale-jsb')).rejects.toThrow('cannot load chorale-jsb');
    expect((await cache.get('chorale-jsb')).name).toBe('chorale-jsb');
    expect(loads).toEqual(['chorale-jsb', 'chorale-jsb']);
  });
});
