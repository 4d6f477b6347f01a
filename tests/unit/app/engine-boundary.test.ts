// The app drives the engine and never Tone.js or the mix itself.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmptySong, createTrack } from '../../../src/core/music/song.ts';
import { audibleTracks } from '../../../src/engine/project.ts';
import { engineStrip, toEngineProject } from '../../../src/app/lib/engine-project.ts';
import { MIN_VOLUME_DB } from '../../../src/app/state/track-state.svelte.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('the app and the engine', () => {
  it('no file under src/app imports Tone.js', () => {
    const importsTone = /from\s+['"]tone['"]|import\(\s*['"]tone['"]\s*\)/;
    const offenders = files('src/app').filter((path) => /\.(ts|svelte|js)$/.test(path) && importsTone.test(readFileSync(path, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('hands clips to the engine as audio tracks with their audio pooled, and leaves mute/solo to the engine', () => {
    const song = createEmptySong('s', 480, 120);
    song.tracks = [createTrack('piano', { program: 0, notes: [{ pitch: 60, velocity: 90, startTick: 0, endTick: 480 }] })];
    const audio = { sampleRate: 100, channels: [new Float32Array(250)] };
    const strip = { volumeDb: 0, pan: 0, muted: false, soloed: false };
    const { project, pool } = toEngineProject({
      song,
      midiStrips: [strip],
      clips: [{ name: 'take', audio, strip: { ...strip, soloed: true, pan: -0.5 } }],
    });
    expect(project.audioTracks).toHaveLength(1);
    const [track] = project.audioTracks;
    expect(track.name).toBe('take');
    expect(track.clips).toEqual([{ source: track.clips[0].source, startSeconds: 0, offsetSeconds: 0, lengthSeconds: 2.5, gainDb: 0 }]);
    expect(pool.get(track.clips[0].source)).toBe(audio);
    expect(track.strip).toEqual({ volumeDb: 0, pan: -0.5, mute: false, solo: true });
    expect(audibleTracks(project)).toEqual([false, true]);
  });

  it('the fader bottom is silence', () => {
    expect(engineStrip({ volumeDb: MIN_VOLUME_DB, pan: 0, muted: false, soloed: false }).volumeDb).toBe(Number.NEGATIVE_INFINITY);
  });
});
