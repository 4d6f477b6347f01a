import { beforeAll, describe, expect, it } from 'vitest';
import type { AudioData } from '../../../src/core/audio/audio-data.ts';
import { PoolAtRate, placeClips } from '../../../src/engine/audio-clips.ts';
import type { AudioTrackSetup } from '../../../src/engine/project.ts';
import { loadToneEngine } from '../../../src/engine/render-node.ts';

const SR = 22050;
let engine: Awaited<ReturnType<typeof loadToneEngine>>;
let Tone: typeof import('tone');

beforeAll(async () => {
  engine = await loadToneEngine();
  Tone = await import('tone');
});

const source: AudioData = { sampleRate: SR, channels: [Float32Array.from({ length: SR }, (_, i) => Math.sin(i / 7)), new Float32Array(SR).fill(0.25)] };
const track: AudioTrackSetup = {
  name: 'clip',
  clips: [{ source: 's', startSeconds: 0, offsetSeconds: 0, lengthSeconds: 1, gainDb: 0 }],
  chain: [],
  strip: { volumeDb: 0, pan: 0, mute: false, solo: false },
};

describe('clip buffers across live rebuilds', () => {
  it('a rebuilt clip track plays the same buffer as the one it replaces, which stays whole when the old one goes', async () => {
    await Tone.Offline(
      () => {
        const placed = placeClips(track, new PoolAtRate(new Map([['s', source]]), SR));
        const before = new engine.ToneClipTrack(placed);
        const after = new engine.ToneClipTrack(placed);
        const shared = after.players[0].buffer.get();
        expect(shared).toBe(before.players[0].buffer.get());
        before.dispose();
        expect(after.players[0].buffer.loaded).toBe(true);
        expect(shared?.getChannelData(1)[100]).toBe(0.25);
        expect(shared?.getChannelData(0)[700]).toBe(Math.fround(Math.sin(100)));
        after.dispose();
        // the last user gone: a new track makes a fresh buffer
        const again = new engine.ToneClipTrack(placed);
        expect(again.players[0].buffer.get()).not.toBe(shared);
        again.dispose();
      },
      0.05,
      2,
      SR,
    );
  });
});
