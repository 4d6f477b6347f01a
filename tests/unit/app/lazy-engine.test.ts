import { describe, expect, it, vi } from 'vitest';
import { createEmptySong, createTrack } from '../../../src/core/music/song.ts';
import type { EnginePort, WorkstationProject } from '../../../src/app/lib/engine-port.ts';

/** What the engine was asked, in order, once it arrived. */
const calls: string[] = [];
let made = 0;

vi.mock('../../../src/app/lib/engine-session.ts', () => ({
  createEngineSession: (): Partial<EnginePort> => {
    made++;
    return {
      load: (project: WorkstationProject) => {
        calls.push(`load ${project.song.name}`);
        return Promise.resolve([]);
      },
      setStrip: (index: number) => void calls.push(`strip ${index}`),
      play: (from: number) => void calls.push(`play ${from}`),
      stop: () => void calls.push('stop'),
      setKeysVoice: () => void calls.push('keys'),
      dispose: () => void calls.push('dispose'),
    };
  },
}));

const { createLazyEngine } = await import('../../../src/app/lib/lazy-engine.ts');

const strip = { volumeDb: 0, pan: 0, muted: false, soloed: false };
function project(name: string): WorkstationProject {
  const song = createEmptySong(name, 480, 120);
  song.tracks = [createTrack('piano', { program: 0, notes: [{ pitch: 60, velocity: 90, startTick: 0, endTick: 480 }] })];
  return { song, midiStrips: [strip], clips: [] };
}

describe('the engine loaded on first need', () => {
  it('checks and labels a project without loading the engine, then plays the latest one once asked', async () => {
    calls.length = 0;
    made = 0;
    const engine = createLazyEngine();
    const labels = await engine.load(project('first'));
    expect(labels).toHaveLength(1);
    expect(labels[0].length).toBeGreaterThan(0);
    await engine.load(project('second'));
    engine.setStrip(0, { ...strip, muted: true });
    expect(made).toBe(0);
    engine.play(2);
    engine.stop(); // a Stop before the engine arrives cancels that Play
    engine.play(3);
    await vi.waitFor(() => expect(calls).toContain('play 3'));
    expect(made).toBe(1);
    expect(calls).toEqual(['load second', 'strip 0', 'play 3']);
    await engine.load(project('third'));
    expect(calls.at(-1)).toBe('load third');
  });

  it('refuses a project the engine would refuse, before the engine loads', async () => {
    const engine = createLazyEngine();
    const bad = project('bad');
    const audio = { sampleRate: 100, channels: [new Float32Array(100)] };
    bad.clips = [{ name: 'take', audio, strip, placements: [{ startSeconds: -1, offsetSeconds: 0, lengthSeconds: 1, gainDb: 0 }] }];
    await expect(engine.load(bad)).rejects.toThrow(/startSeconds must be a number ≥ 0/);
  });
});
