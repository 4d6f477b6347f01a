// The metronome and the mixer's meters on Tone.js, run in Node on the web-audio-api polyfill.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadToneEngine } from '../../../src/engine/render-node.ts';
import { note, projectOf, rms, synth } from './signal.ts';

type ToneEngine = Awaited<ReturnType<typeof loadToneEngine>>;
let engine: ToneEngine;
let Tone: typeof import('tone');
let Metronome: typeof import('../../../src/engine/tone/metronome.ts').Metronome;
let MixerMeters: typeof import('../../../src/engine/tone/mixer-meters.ts').MixerMeters;
let census: typeof import('../../../src/engine/tone/node-census.ts');

beforeAll(async () => {
  engine = await loadToneEngine(); // the Web Audio polyfill, then Tone
  Tone = await import('tone');
  ({ Metronome } = await import('../../../src/engine/tone/metronome.ts'));
  ({ MixerMeters } = await import('../../../src/engine/tone/mixer-meters.ts'));
  census = await import('../../../src/engine/tone/node-census.ts');
});

const SR = 22050;

/** Strongest frequency in a short stretch by counting zero crossings (the click is a square wave). */
function crossingsHz(samples: Float32Array, from: number, length: number): number {
  let count = 0;
  for (let i = from + 1; i < from + length; i++) if (samples[i - 1] < 0 !== samples[i] < 0) count++;
  return (count / 2) * (SR / length);
}

describe('Metronome', () => {
  it('clicks on every beat while the transport plays, higher on the bar line, and stops when turned off', async () => {
    const song = projectOf([{ notes: [note(60, 0, 8)], instrument: synth() }]).song; // 120 bpm 4/4: a beat every 0.5 s
    const buffer = await Tone.Offline(({ transport }) => {
      const metronome = new Metronome();
      metronome.setSong(song, 4);
      metronome.setEnabled(true);
      transport.start(0);
      transport.schedule(() => metronome.setEnabled(false), 2.75);
    }, 3.5, 1, SR);
    const samples = buffer.getChannelData(0);
    const at = (s: number): number => rms(samples, Math.round(s * SR), Math.round((s + 0.02) * SR));
    for (const beat of [0, 0.5, 1, 1.5, 2, 2.5]) expect(at(beat), `click at ${beat} s`).toBeGreaterThan(0.02);
    for (const gap of [0.25, 0.75, 1.25]) expect(at(gap), `silence at ${gap} s`).toBeLessThan(0.002);
    expect(at(3)).toBeLessThan(0.002); // turned off at 2.75 s
    const accent = crossingsHz(samples, Math.round(2 * SR), Math.round(0.02 * SR));
    const beat = crossingsHz(samples, Math.round(2.5 * SR), Math.round(0.02 * SR));
    expect(accent).toBeGreaterThan(beat * 1.2);
  });

  it('counts in one bar of the song start: its length is what the caller waits', async () => {
    const song = projectOf([{ notes: [note(60, 0, 4)], instrument: synth() }]).song;
    let seconds = 0;
    await Tone.Offline(() => {
      const metronome = new Metronome();
      metronome.setSong(song, 2);
      seconds = metronome.countIn();
    }, 0.1, 1, SR);
    expect(seconds).toBeCloseTo(2.05, 6); // four beats at 120 bpm after a 50 ms lead
  });

  it('leaves no Tone node behind when disposed', () => {
    Tone.setContext(new Tone.OfflineContext(1, 0.1, SR));
    census.startToneNodeCensus();
    // the context's own nodes (destination, listener, transport clock) are made once, on first use
    Tone.getDestination();
    Tone.getListener();
    Tone.getTransport();
    const before = census.liveToneNodes();
    const metronome = new Metronome();
    metronome.setSong(projectOf([{ notes: [note(60, 0, 4)], instrument: synth() }]).song, 2);
    metronome.setEnabled(true);
    metronome.setEnabled(false);
    metronome.setEnabled(true);
    expect(census.liveToneNodes()).toBeGreaterThan(before);
    metronome.dispose();
    expect(census.liveToneNodes()).toBe(before);
  });
});

describe('MixerMeters', () => {
  it('reads one level per track and one for the master, and leaves no meter behind', async () => {
    Tone.setContext(new Tone.OfflineContext(2, 0.1, SR));
    census.startToneNodeCensus();
    const player = await engine.ProjectPlayer.create(projectOf([{ notes: [note(60, 0, 1)], instrument: synth() }, { notes: [note(64, 0, 1)], instrument: synth() }]));
    // Tone.Meter's constructor makes an Analyser it replaces and never disposes (3 nodes, connected to nothing)
    const bare = census.liveToneNodes();
    new Tone.Meter().dispose();
    const orphaned = census.liveToneNodes() - bare;
    const withPlayer = census.liveToneNodes();
    const meters = new MixerMeters();
    const levels = meters.read(player);
    expect(levels).toHaveLength(3);
    expect(levels?.every((db) => typeof db === 'number')).toBe(true);
    expect(meters.read(null)).toBeNull(); // the project went: meters go with it
    expect(census.liveToneNodes()).toBe(withPlayer + 3 * orphaned);
    meters.read(player);
    meters.dispose();
    expect(census.liveToneNodes()).toBe(withPlayer + 6 * orphaned);
    player.dispose();
  });
});
