// The Tone node census the browser test's leak checks read: it counts nodes made and not disposed.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadToneEngine } from '../../../src/engine/render-node.ts';

let Tone: typeof import('tone');
let census: typeof import('../../../src/engine/tone/node-census.ts');

beforeAll(async () => {
  await loadToneEngine(); // the Web Audio polyfill, then Tone
  Tone = await import('tone');
  census = await import('../../../src/engine/tone/node-census.ts');
});

describe('Tone node census', () => {
  it('counts nodes made after it starts until they are disposed, composite nodes with their parts', () => {
    Tone.setContext(new Tone.OfflineContext(2, 0.1, 22050)); // the polyfill's live context lacks AudioParam checks
    census.startToneNodeCensus();
    const before = census.liveToneNodes();
    const gain = new Tone.Gain(0.5);
    const channel = new Tone.Channel(-6, 0.2);
    const during = census.liveToneNodes();
    expect(during).toBeGreaterThanOrEqual(before + 3); // a Channel holds a Panner and a Volume
    gain.dispose();
    expect(census.liveToneNodes()).toBe(during - 1);
    channel.dispose();
    expect(census.liveToneNodes()).toBe(before);
    expect(gain.context).toBe(Tone.getContext()); // nodes still take the global context
  });
});
