// The live engine (Tone.js on the web-audio-api polyfill): audio clips, the mute/solo rule and the
// EngineSession a face drives; every class with dispose() leaves nothing behind.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AudioData } from '../../../src/core/audio/audio-data.ts';
import { PoolAtRate, placeClips } from '../../../src/engine/audio-clips.ts';
import { pluginState } from '../../../src/engine/plugin-lookup.ts';
import { loadToneEngine, renderProjectOffline } from '../../../src/engine/render-node.ts';
import type { AudioTrackSetup, MixerStrip } from '../../../src/engine/project.ts';
import { note, onsetIndex, peak, projectOf, rms, sampler, synth } from './signal.ts';

type ToneEngine = Awaited<ReturnType<typeof loadToneEngine>>;
let engine: ToneEngine;
let Tone: typeof import('tone');

beforeAll(async () => {
  engine = await loadToneEngine();
  Tone = await import('tone');
});

const SR = 22050;
const STRIP: MixerStrip = { volumeDb: 0, pan: 0, mute: false, solo: false };

function noise(seconds: number, channels: number): AudioData {
  let seed = 1;
  const next = (): number => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  return { sampleRate: SR, channels: Array.from({ length: channels }, () => Float32Array.from({ length: Math.round(seconds * SR) }, next)) };
}

function clipTrack(strip: Partial<MixerStrip> = {}): AudioTrackSetup {
  return { name: 'clip', clips: [{ source: 'n', startSeconds: 0.25, offsetSeconds: 0.1, lengthSeconds: 0.3, gainDb: -6 }], chain: [], strip: { ...STRIP, ...strip } };
}

describe('audio clips live', () => {
  for (const channels of [1, 2]) {
    it(`a ${channels === 1 ? 'mono' : 'stereo'} clip plays at the same place and level as in the export`, async () => {
      const pool = new Map([['n', noise(1, channels)]]);
      const project = projectOf([], 0, [clipTrack({ pan: 0.4 })]);
      const live = await engine.renderProjectWithTone(project, { sampleRate: SR, pool, tailSeconds: 0.1 });
      const offline = await renderProjectOffline(project, { sampleRate: SR, pool, tailSeconds: 0.1 });
      for (const c of [0, 1]) {
        expect(Math.abs(onsetIndex(live.channels[c]) - onsetIndex(offline.channels[c]))).toBeLessThanOrEqual(2);
        expect(rms(live.channels[c]) / rms(offline.channels[c])).toBeCloseTo(1, 2);
      }
      expect(peak(live.channels[0].subarray(Math.round(0.56 * SR)))).toBeLessThan(1e-6);
    });
  }
});

describe('audio-effect chains live', () => {
  it('an audio track and a MIDI track with a gain chain play as the export renders them; bypass plays them dry', async () => {
    const pool = new Map([['n', noise(1, 1)]]);
    const gain = pluginState('gain', 'audio-effect', { gain: -12 });
    const project = projectOf([{ notes: [note(64, 1.5, 1)], instrument: sampler({ sound: 'keys' }) }], 0, [{ ...clipTrack(), chain: [gain] }]);
    project.tracks[0].chain = [gain];
    const live = await engine.renderProjectWithTone(project, { sampleRate: SR, pool, tailSeconds: 0.5 });
    const offline = await renderProjectOffline(project, { sampleRate: SR, pool, tailSeconds: 0.5 });
    const clipPart = [Math.round(0.25 * SR), Math.round(0.55 * SR)] as const;
    const notePart = [Math.round(0.75 * SR), Math.round(1.25 * SR)] as const;
    for (const [from, to] of [clipPart, notePart]) expect(rms(live.channels[0], from, to) / rms(offline.channels[0], from, to)).toBeCloseTo(1, 2);
    const dry = structuredClone(project);
    dry.tracks[0].chain = [{ ...gain, bypass: true }];
    dry.audioTracks[0].chain = [{ ...gain, bypass: true }];
    const liveDry = await engine.renderProjectWithTone(dry, { sampleRate: SR, pool, tailSeconds: 0.5 });
    for (const [from, to] of [clipPart, notePart]) expect(rms(liveDry.channels[0], from, to) / rms(live.channels[0], from, to)).toBeCloseTo(Math.pow(10, 12 / 20), 1);
  });
});

describe('the mute/solo rule live', () => {
  it('a soloed track leaves the other silent, and lifting the solo brings it back', async () => {
    const project = projectOf([
      { notes: [note(60, 0, 1)], instrument: synth(), strip: { solo: true } },
      { notes: [note(72, 2, 1)], instrument: sampler({ sound: 'pluck' }) },
    ]);
    const soloed = await engine.renderProjectWithTone(project, { sampleRate: SR, tailSeconds: 0.2 });
    expect(rms(soloed.channels[0], 0, SR / 2)).toBeGreaterThan(0.01);
    expect(peak(soloed.channels[0].subarray(SR))).toBe(0);
    await Tone.Offline(
      async () => {
        const player = await engine.ProjectPlayer.create(project);
        expect(player.mixer.audible()).toEqual([true, false]);
        player.setStrip(0, { solo: false });
        expect(player.mixer.audible()).toEqual([true, true]);
        player.setStrip(1, { mute: true });
        expect(player.mixer.audible()).toEqual([true, false]);
        player.dispose();
      },
      0.05,
      2,
      SR,
    );
  });
});

describe('dispose leaves nothing behind', () => {
  it('EngineSession: its player, instruments, clip players and channels are disposed, and nothing sounds', async () => {
    const pool = new Map([['n', noise(1, 2)]]);
    const project = projectOf([{ notes: [note(60, 0, 1)], instrument: sampler({ sound: 'keys' }) }], 0, [clipTrack()]);
    const owned: { disposed: boolean }[] = [];
    const buffer = await Tone.Offline(
      async () => {
        const session = new engine.EngineSession();
        await session.setProject(project, pool);
        session.play(0);
        expect(session.playing).toBe(true);
        const graph = session.graph;
        if (graph === null) throw new Error('no graph after setProject');
        const instrument = graph.instruments[0];
        if (!(instrument instanceof engine.ToneMultisampleInstrument)) throw new Error('unexpected instrument class');
        owned.push(instrument.volume, ...graph.players.map((p) => p.part), ...graph.clipTracks.flatMap((t) => [t.output, ...t.players]));
        owned.push(graph.mixer.channel(0), graph.mixer.channel(1), graph.mixer.master);
        session.dispose();
        expect(session.loaded).toBe(false);
        expect(session.playing).toBe(false);
      },
      0.8,
      2,
      SR,
    );
    expect(owned.length).toBe(7); // instrument volume, part, clip output + player, two channels, master
    expect(owned.every((node) => node.disposed)).toBe(true);
    expect(peak(buffer.getChannelData(0))).toBe(0);
  });

  it('EngineSession: a project set after another replaces it; the first graph is disposed', async () => {
    await Tone.Offline(
      async () => {
        const session = new engine.EngineSession();
        await session.setProject(projectOf([{ notes: [note(60, 0, 1)], instrument: synth() }]));
        const first = session.graph;
        await session.setProject(projectOf([{ notes: [note(62, 0, 1)], instrument: synth() }]));
        expect(first?.mixer.master.disposed).toBe(true);
        expect(session.graph?.mixer.master.disposed).toBe(false);
        await expect(session.setProject(projectOf([{ notes: [], instrument: { ...synth(), plugin: 'nope' } }]))).rejects.toThrow("instrument 'nope'");
        expect(session.graph?.mixer.master.disposed).toBe(false);
        session.dispose();
      },
      0.05,
      2,
      SR,
    );
  });

  it('ToneClipTrack and ToneMultisampleInstrument dispose every node and buffer they made', async () => {
    await Tone.Offline(
      () => {
        const placed = placeClips(clipTrack(), new PoolAtRate(new Map([['n', noise(1, 1)]]), SR));
        const track = new engine.ToneClipTrack(placed);
        track.dispose();
        expect(track.output.disposed).toBe(true);
        expect(track.players.every((p) => p.disposed)).toBe(true);
        const instrument = new engine.ToneMultisampleInstrument({
          kind: 'multisample',
          sampleRate: SR,
          zones: [{ rootPitch: 60, loPitch: 0, hiPitch: 127, loVelocity: 0, hiVelocity: 127, channels: [new Float32Array(SR)] }],
          attack: 0,
          release: 0.1,
          volumeDb: 0,
          oneShot: false,
        });
        instrument.play({ time: 0, duration: 0.5, pitch: 60, velocity: 1 }, 0);
        expect(instrument.activeNotes).toBe(1);
        instrument.dispose();
        expect(instrument.activeNotes).toBe(0);
        expect(instrument.volume.disposed).toBe(true);
      },
      0.05,
      2,
      SR,
    );
  });
});
