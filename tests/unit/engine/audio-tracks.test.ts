// Audio tracks in the offline render: clip placement, gain, strip, solo across MIDI and audio
// tracks, resampling, audio-effect chains, MIDI effects, and the project's JSON form.
import { describe, expect, it } from 'vitest';
import type { AudioData } from '../../../src/core/audio/audio-data.ts';
import { pluginState } from '../../../src/engine/plugin-lookup.ts';
import { projectFromJson, projectToJson } from '../../../src/engine/project-json.ts';
import { validateProject } from '../../../src/engine/project-validate.ts';
import { withAudioTrack, withStrip, type AudioTrackSetup, type Project } from '../../../src/engine/project.ts';
import { renderProjectOffline } from '../../../src/engine/render-node.ts';
import { dominantFrequency, maxDifference, note, peak, projectOf, rms, synth } from './signal.ts';

const SR = 8000;

function constant(value: number, seconds: number, channels = 1, sampleRate = SR): AudioData {
  return { sampleRate, channels: Array.from({ length: channels }, (_, c) => new Float32Array(Math.round(seconds * sampleRate)).fill(c === 0 ? value : value / 2)) };
}

function audioTrack(clips: AudioTrackSetup['clips'], change: Partial<AudioTrackSetup> = {}): AudioTrackSetup {
  return { name: 'audio', clips, chain: [], strip: { volumeDb: 0, pan: -1, mute: false, solo: false }, ...change };
}

const clip = (source: string, startSeconds: number, offsetSeconds: number, lengthSeconds: number, gainDb = 0) => ({ source, startSeconds, offsetSeconds, lengthSeconds, gainDb });

describe('audio tracks in the offline render', () => {
  it('places a clip at its start, from its offset, for its length, at its gain', async () => {
    const ramp: AudioData = { sampleRate: SR, channels: [Float32Array.from({ length: SR }, (_, i) => (i / SR) * 0.8)] };
    const project = projectOf([], 0, [audioTrack([clip('ramp', 0.5, 0.25, 0.5, -6.020599913)])]);
    const audio = await renderProjectOffline(project, { sampleRate: SR, pool: new Map([['ramp', ramp]]), tailSeconds: 0 });
    const left = audio.channels[0];
    expect(left.length).toBe(SR); // 0.5 s start + 0.5 s clip
    expect(peak(left.subarray(0, SR / 2))).toBe(0);
    // first sample of the clip is the source at 0.25 s, halved; pan hard left leaves the right silent
    expect(left[SR / 2]).toBeCloseTo(0.25 * 0.8 * 0.5, 5);
    expect(left[SR - 1]).toBeCloseTo((((SR * 3) / 4 - 1) / SR) * 0.8 * 0.5, 5);
    expect(peak(audio.channels[1])).toBeLessThan(1e-6);
  });

  it('solo across MIDI and audio tracks: a soloed clip leaves the MIDI track silent, and the reverse', async () => {
    const pool = new Map([['dc', constant(0.25, 0.5)]]);
    const midi = [{ notes: [note(69, 2, 2)], instrument: synth() }];
    const clipSolo = await renderProjectOffline(projectOf(midi, 0, [audioTrack([clip('dc', 0, 0, 0.5)], { strip: { volumeDb: 0, pan: 0, mute: false, solo: true } })]), { sampleRate: SR, pool });
    expect(rms(clipSolo.channels[0], 0, SR / 2)).toBeGreaterThan(0.1);
    expect(clipSolo.channels[0].length).toBeLessThan(SR); // nothing after the clip: the MIDI note (at 1 s) is not heard
    const midiSolo = projectOf(midi, 0, [audioTrack([clip('dc', 0, 0, 0.5)])]);
    const soloed = await renderProjectOffline(withStrip(midiSolo, 0, { solo: true }), { sampleRate: SR, pool });
    expect(peak(soloed.channels[0].subarray(0, SR / 2))).toBe(0);
    expect(rms(soloed.channels[0], SR, 2 * SR)).toBeGreaterThan(0.01);
  });

  it('mute silences an audio track', async () => {
    const pool = new Map([['dc', constant(0.25, 0.5)]]);
    const project = projectOf([], 0, [audioTrack([clip('dc', 0, 0, 0.5)], { strip: { volumeDb: 0, pan: 0, mute: true, solo: false } })]);
    expect(peak((await renderProjectOffline(project, { sampleRate: SR, pool })).channels[0])).toBe(0);
  });

  it('pans a stereo clip by the stereo law: hard right keeps the right channel and folds the left in', async () => {
    const pool = new Map([['st', constant(0.4, 0.25, 2)]]);
    const project = projectOf([], 0, [audioTrack([clip('st', 0, 0, 1)], { strip: { volumeDb: 0, pan: 1, mute: false, solo: false } })]);
    const audio = await renderProjectOffline(project, { sampleRate: SR, pool });
    expect(peak(audio.channels[0])).toBeLessThan(1e-6);
    expect(audio.channels[1][10]).toBeCloseTo(0.2 + 0.4, 5);
  });

  it('resamples a clip recorded at another rate', async () => {
    const pool = new Map([['slow', constant(0.25, 1, 1, SR / 2)]]);
    const audio = await renderProjectOffline(projectOf([], 0, [audioTrack([clip('slow', 0, 0, 1)])]), { sampleRate: SR, pool, tailSeconds: 0 });
    expect(audio.channels[0].length).toBe(SR);
  });

  it('refuses a clip whose audio is not in the pool, naming the track and clip', async () => {
    const project = projectOf([], 0, [audioTrack([clip('missing', 0, 0, 1)])]);
    await expect(renderProjectOffline(project, { sampleRate: SR })).rejects.toThrow("track 0 (audio) clip 0: audio 'missing' is not in the project's audio pool");
  });
});

describe('audio-effect chains in the offline render', () => {
  const pool = new Map([['dc', constant(0.5, 0.5)]]);
  const base = projectOf([], 0, [audioTrack([clip('dc', 0, 0, 0.5)])]);
  const withChain = (chain: AudioTrackSetup['chain']): Project => ({ ...base, audioTracks: [{ ...base.audioTracks[0], chain }] });

  it('runs each effect in order, and skips a bypassed one', async () => {
    const dry = await renderProjectOffline(base, { sampleRate: SR, pool });
    const gain = pluginState('gain', 'audio-effect', { gain: -6.020599913 });
    const halved = await renderProjectOffline(withChain([gain]), { sampleRate: SR, pool });
    expect(halved.channels[0][100] / dry.channels[0][100]).toBeCloseTo(0.5, 5);
    const quartered = await renderProjectOffline(withChain([gain, gain]), { sampleRate: SR, pool });
    expect(quartered.channels[0][100] / dry.channels[0][100]).toBeCloseTo(0.25, 5);
    const bypassed = await renderProjectOffline(withChain([{ ...gain, bypass: true }]), { sampleRate: SR, pool });
    expect(maxDifference(bypassed.channels[0], dry.channels[0])).toBe(0);
  });

  it('applies a MIDI track chain after its instrument', async () => {
    const midi = projectOf([{ notes: [note(69, 0, 1)], instrument: synth({ oscillator: 'sine' }) }]);
    const dry = await renderProjectOffline(midi, { sampleRate: SR });
    const quiet = await renderProjectOffline({ ...midi, tracks: [{ ...midi.tracks[0], chain: [pluginState('gain', 'audio-effect', { gain: -20 })] }] }, { sampleRate: SR });
    expect(rms(quiet.channels[0]) / rms(dry.channels[0])).toBeCloseTo(0.1, 4);
  });

  it('refuses an instrument in an audio chain', () => {
    expect(() => validateProject(withChain([pluginState('sampler', 'instrument')]), pool)).toThrow("track 0 (audio): audio effect 'sampler' is not one the engine plays");
  });
});

describe('MIDI effects before the instrument', () => {
  it('a transpose of 12 semitones plays an octave up', async () => {
    const project = projectOf([{ notes: [note(57, 0, 2)], instrument: synth({ oscillator: 'sine' }) }]);
    project.tracks[0].midiEffects = [pluginState('transpose-quantize', 'midi-effect', { semitones: 12 })];
    const audio = await renderProjectOffline(project, { sampleRate: 22050 });
    expect(dominantFrequency(audio.channels[0], 22050, 4410, 8192) / 440).toBeCloseTo(1, 2);
  });
});

describe('project JSON', () => {
  it('round-trips a project with audio tracks and a silent fader, rendering the same', async () => {
    const pool = new Map([['dc', constant(0.25, 0.5)]]);
    let project = projectOf([{ notes: [note(60, 0, 1)], instrument: synth() }], -3);
    project = withAudioTrack(project, { name: 'clip', clips: [clip('dc', 0.1, 0, 0.4, -3)] });
    project = withStrip(project, 0, { volumeDb: Number.NEGATIVE_INFINITY });
    const text = projectToJson(project);
    const back = projectFromJson(text);
    expect(back.tracks[0].strip.volumeDb).toBe(Number.NEGATIVE_INFINITY);
    expect(back).toEqual(validateProject(project));
    const a = await renderProjectOffline(project, { sampleRate: SR, pool });
    const b = await renderProjectOffline(back, { sampleRate: SR, pool });
    expect(maxDifference(a.channels[0], b.channels[0])).toBe(0);
  });

  it('refuses text that is not a project in one line', () => {
    expect(() => projectFromJson('{"song":1')).toThrow('project is not valid JSON');
    expect(() => projectFromJson('{}')).toThrow("project: missing field 'song'");
    const project = JSON.parse(projectToJson(projectOf([], 0, [audioTrack([clip('a', 0, 0, 1)])]))) as { audioTracks: { clips: { gainDb: unknown }[] }[] };
    project.audioTracks[0].clips[0].gainDb = 'loud';
    expect(() => projectFromJson(JSON.stringify(project))).toThrow("project: field 'audioTracks.0.clips.0.gainDb': must be a number of dB (or -Infinity)");
  });
});
