// A dry/wet blend on an audio track (a Remix mixed with its original): the export renders the
// linear mix the blend says, A/B plays the original exactly, live playback moves the mix while it
// plays and matches the export before and after, and removing the blend leaves the original.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AudioData } from '../../../src/core/audio/audio-data.ts';
import { projectFromJson, projectToJson } from '../../../src/engine/project-json.ts';
import { validateProject } from '../../../src/engine/project-validate.ts';
import type { AudioTrackSetup, MixerStrip, Project } from '../../../src/engine/project.ts';
import { loadToneEngine, renderProjectOffline } from '../../../src/engine/render-node.ts';
import { blendGains, withBlend, type TrackBlend } from '../../../src/engine/track-blend.ts';
import { projectOf, rms } from './signal.ts';

type ToneEngine = Awaited<ReturnType<typeof loadToneEngine>>;
let engine: ToneEngine;
let Tone: typeof import('tone');

beforeAll(async () => {
  engine = await loadToneEngine();
  Tone = await import('tone');
});

const SR = 8000;
const LEFT: MixerStrip = { volumeDb: 0, pan: -1, mute: false, solo: false };

/** The original: a slow ramp; its "remix": another shape, the same length. */
const original: AudioData = { sampleRate: SR, channels: [Float32Array.from({ length: SR }, (_, i) => 0.1 + (0.2 * i) / SR)] };
const remix: AudioData = { sampleRate: SR, channels: [Float32Array.from({ length: SR }, (_, i) => 0.05 * Math.sin(i / 40))] };
const pool = new Map([
  ['orig', original],
  ['orig-wet', remix],
]);

function blended(blend: Partial<TrackBlend> = {}, strip = LEFT): Project {
  const track: AudioTrackSetup = {
    name: 'remix',
    clips: [{ source: 'orig', startSeconds: 0.25, offsetSeconds: 0.1, lengthSeconds: 0.5, gainDb: 0 }],
    blend: { versions: { orig: 'orig-wet' }, wet: 0.5, bypass: false, ...blend },
    chain: [],
    strip,
  };
  return projectOf([], 0, [track]);
}

function withoutBlend(project: Project): Project {
  return { ...project, audioTracks: project.audioTracks.map(({ blend: _, ...rest }) => rest) };
}

describe('a blended audio track in the export', () => {
  it('is the linear mix dry × (1 − wet) + remix × wet, placed like the clip', async () => {
    for (const wet of [0, 0.3, 1]) {
      const { channels } = await renderProjectOffline(blended({ wet }), { sampleRate: SR, pool, tailSeconds: 0 });
      for (const k of [0, 1000, 3999]) {
        const source = Math.round(0.1 * SR) + k;
        const expected = (1 - wet) * original.channels[0][source] + wet * remix.channels[0][source];
        expect(channels[0][Math.round(0.25 * SR) + k], `wet ${wet}, sample ${k}`).toBeCloseTo(expected, 5);
      }
    }
    expect(blendGains(0.3)).toEqual({ dry: 0.7, wet: 0.3 });
  });

  it('A/B on the original (bypass), or the blend taken away, renders exactly the original', async () => {
    const plain = await renderProjectOffline(withoutBlend(blended()), { sampleRate: SR, pool });
    const bypassed = await renderProjectOffline(blended({ wet: 0.8, bypass: true }), { sampleRate: SR, pool });
    const dry = await renderProjectOffline(blended({ wet: 0 }), { sampleRate: SR, pool });
    for (const audio of [bypassed, dry]) {
      audio.channels.forEach((c, i) => expect(Buffer.from(c.buffer).equals(Buffer.from(plain.channels[i].buffer))).toBe(true));
    }
  });

  it('changes only the blend when its mix moves; the clips stay as they were', () => {
    const project = blended();
    const moved = withBlend(project, 0, { wet: 0.2, bypass: true });
    expect(moved.audioTracks[0].blend).toEqual({ versions: { orig: 'orig-wet' }, wet: 0.2, bypass: true });
    expect(moved.audioTracks[0].clips).toBe(project.audioTracks[0].clips);
    expect(project.audioTracks[0].blend?.wet).toBe(0.5);
    expect(() => withBlend(withoutBlend(project), 0, { wet: 0.2 })).toThrow('track 0 has no dry/wet blend');
  });

  it('refuses a share outside 0..1 or a remix missing from the pool, naming the track; keeps the blend through JSON', () => {
    expect(() => validateProject(blended({ wet: 1.5 }), pool)).toThrow('track 0 (remix): blend wet must be between 0 and 1, got 1.5');
    expect(() => validateProject(blended({ versions: { orig: 'gone' } }), pool)).toThrow("track 0 (remix): blend audio 'gone' is not in the project's audio pool");
    expect(projectFromJson(projectToJson(blended({ wet: 0.25 }))).audioTracks[0].blend).toEqual({ versions: { orig: 'orig-wet' }, wet: 0.25, bypass: false });
  });
});

describe('a blended audio track live', () => {
  it('moves the mix while it plays, without a reload, and sounds like the export before and after', async () => {
    const [from, to] = [0.1, 0.9];
    const project = blended({ wet: from }, { ...LEFT, pan: 0 });
    let player: Awaited<ReturnType<typeof engine.ProjectPlayer.create>> | undefined;
    let live = false;
    const buffer = await Tone.Offline(
      async () => {
        player = await engine.ProjectPlayer.create(project, pool);
        player.play(0, 0);
        live = player.setBlend(0, { wet: to, bypass: false }, 0.5);
      },
      0.8,
      2,
      SR,
    );
    expect(live).toBe(true);
    expect(player?.blendTracks.get(0)?.share).toBe(to);
    player?.dispose();
    const heard = buffer.getChannelData(0);
    const before = (await renderProjectOffline(project, { sampleRate: SR, pool, tailSeconds: 0 })).channels[0];
    const after = (await renderProjectOffline(withBlend(project, 0, { wet: to }), { sampleRate: SR, pool, tailSeconds: 0 })).channels[0];
    const window = (a: number, b: number): [number, number] => [Math.round(a * SR), Math.round(b * SR)];
    for (const [[a, b], expected] of [[window(0.3, 0.48), before], [window(0.53, 0.74), after]] as const) {
      expect(rms(heard, a, b) / rms(expected, a, b)).toBeCloseTo(1, 2);
    }
    // the two mixes differ enough that the check above can tell them apart
    expect(rms(after, ...window(0.53, 0.74)) / rms(before, ...window(0.53, 0.74))).toBeLessThan(0.7);
  });

  it('a session moves a blend live, says no blend for a plain track, and disposes every node of the blend', async () => {
    const owned: { disposed: boolean }[] = [];
    await Tone.Offline(
      async () => {
        const session = new engine.EngineSession();
        await session.setProject(blended(), pool);
        const graph = session.graph;
        const track = graph?.blendTracks.get(0);
        if (graph === null || track === undefined) throw new Error('no blend track');
        await session.setBlend(0, { wet: 0.7, bypass: true });
        expect(session.graph).toBe(graph); // no reload
        expect(track.share).toBe(0);
        owned.push(track.output, track.dry.output, track.wet.output, ...track.dry.players, ...track.wet.players);
        await session.setProject(withoutBlend(blended()), pool);
        await expect(session.setBlend(0, { wet: 0.5, bypass: false })).rejects.toThrow('track 0 has no dry/wet blend');
        session.dispose();
      },
      0.05,
      2,
      SR,
    );
    expect(owned.length).toBe(5);
    expect(owned.every((node) => node.disposed)).toBe(true);
  });
});
