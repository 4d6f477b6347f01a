import { describe, expect, it } from 'vitest';
import { AleaError } from '../../../src/core/errors.ts';
import { buildBenchProject } from '../../../src/engine/bench-song.ts';
import { renderProjectOffline } from '../../../src/engine/render-node.ts';
import { dominantFrequency, maxDifference, note, onsetIndex, peak, projectOf, rms, sampler, synth } from './signal.ts';

const SR = 22050;

describe('renderProjectOffline: timing and pitch', () => {
  it('places a poly-synth note at its start time and pitch', async () => {
    const project = projectOf([{ notes: [note(69, 1, 2)], instrument: synth({ oscillator: 'sine', attack: 0.005 }) }]);
    const audio = await renderProjectOffline(project, { sampleRate: SR });
    const left = audio.channels[0];
    expect(Math.abs(onsetIndex(left) / SR - 0.5)).toBeLessThan(0.005);
    const f = dominantFrequency(left, SR, Math.round(0.7 * SR), 8192);
    expect(Math.abs(f / 440 - 1)).toBeLessThan(0.01);
  });

  it('places a resampled sampler note (between roots) at its start time and pitch', async () => {
    // D4 = 293.66 Hz lies between the roots C4 (60) and D#4 (63): it is played from a resampled root
    const project = projectOf([{ notes: [note(62, 0.5, 1)], instrument: sampler({ sound: 'keys' }) }]);
    const audio = await renderProjectOffline(project, { sampleRate: SR });
    const left = audio.channels[0];
    expect(Math.abs(onsetIndex(left) / SR - 0.25)).toBeLessThan(0.005);
    const f = dominantFrequency(left, SR, Math.round(0.3 * SR), 4096);
    expect(Math.abs(f / 293.66 - 1)).toBeLessThan(0.01);
  });

  it('follows tempo changes from the song', async () => {
    const project = projectOf([{ notes: [note(60, 4, 1)], instrument: synth({ attack: 0 }) }]);
    // 120 bpm for 2 beats (1 s), then 60 bpm: beat 4 is at 1 s + 2 s = 3 s
    project.song.tempos = [{ tick: 0, bpm: 120 }, { tick: 960, bpm: 60 }];
    const audio = await renderProjectOffline(project, { sampleRate: SR });
    expect(Math.abs(onsetIndex(audio.channels[0]) / SR - 3)).toBeLessThan(0.005);
  });
});

describe('renderProjectOffline: mixer', () => {
  const melody = [note(72, 0, 1), note(76, 1, 1)];
  const bass = [note(36, 0, 2)];
  const quiet = { volumeDb: -12 };

  it('a muted track contributes nothing; solo silences the others', async () => {
    const withoutBass = await renderProjectOffline(projectOf([{ notes: melody, instrument: synth(), strip: quiet }, { notes: [], instrument: sampler({ sound: 'bass' }) }]), { sampleRate: SR });
    const bassMuted = await renderProjectOffline(projectOf([{ notes: melody, instrument: synth(), strip: quiet }, { notes: bass, instrument: sampler({ sound: 'bass' }), strip: { mute: true } }]), { sampleRate: SR });
    const melodySolo = await renderProjectOffline(projectOf([{ notes: melody, instrument: synth(), strip: { ...quiet, solo: true } }, { notes: bass, instrument: sampler({ sound: 'bass' }) }]), { sampleRate: SR });
    const both = await renderProjectOffline(projectOf([{ notes: melody, instrument: synth(), strip: quiet }, { notes: bass, instrument: sampler({ sound: 'bass' }) }]), { sampleRate: SR });
    expect(maxDifference(bassMuted.channels[0], withoutBass.channels[0])).toBe(0);
    expect(maxDifference(bassMuted.channels[1], withoutBass.channels[1])).toBe(0);
    expect(maxDifference(melodySolo.channels[0], withoutBass.channels[0])).toBe(0);
    expect(rms(both.channels[0])).toBeGreaterThan(rms(withoutBass.channels[0]) * 1.2);
  });

  it('pan hard left puts all the energy in the left channel, hard right in the right', async () => {
    const left = await renderProjectOffline(projectOf([{ notes: melody, instrument: synth(), strip: { pan: -1 } }]), { sampleRate: SR });
    expect(rms(left.channels[0])).toBeGreaterThan(0.01);
    expect(peak(left.channels[1])).toBeLessThan(1e-6);
    const right = await renderProjectOffline(projectOf([{ notes: melody, instrument: synth(), strip: { pan: 1 } }]), { sampleRate: SR });
    expect(peak(right.channels[0])).toBeLessThan(1e-6);
    const centre = await renderProjectOffline(projectOf([{ notes: melody, instrument: synth() }]), { sampleRate: SR });
    expect(rms(centre.channels[0]) / rms(centre.channels[1])).toBeCloseTo(1, 6);
  });

  it('a fader 6 dB down halves the amplitude', async () => {
    const full = await renderProjectOffline(projectOf([{ notes: melody, instrument: synth(), strip: { volumeDb: -6 } }]), { sampleRate: SR });
    const down = await renderProjectOffline(projectOf([{ notes: melody, instrument: synth(), strip: { volumeDb: -12 } }]), { sampleRate: SR });
    expect(rms(down.channels[0]) / rms(full.channels[0])).toBeCloseTo(Math.pow(10, -6 / 20), 4);
  });
});

describe('renderProjectOffline: output', () => {
  it('is deterministic: the same project gives identical samples', async () => {
    const a = await renderProjectOffline(buildBenchProject(2), { sampleRate: SR });
    const b = await renderProjectOffline(buildBenchProject(2), { sampleRate: SR });
    expect(a.channels[0]).toEqual(b.channels[0]);
    expect(a.channels[1]).toEqual(b.channels[1]);
  });

  it('a tiny project is non-silent, and a loud one stays under 0 dBFS', async () => {
    const tiny = await renderProjectOffline(projectOf([{ notes: [note(60, 0, 1)], instrument: sampler({ sound: 'pluck' }) }]), { sampleRate: SR });
    expect(rms(tiny.channels[0])).toBeGreaterThan(0.005);
    expect(peak(tiny.channels[0])).toBeLessThanOrEqual(1);
    const chord = [48, 52, 55, 60, 64, 67, 72, 76].map((p) => note(p, 0, 2, 127));
    const loud = projectOf([
      { notes: chord, instrument: synth({ oscillator: 'square', volume: 6 }), strip: { volumeDb: 12 } },
      { notes: chord, instrument: sampler({ sound: 'bass', volume: 6 }), strip: { volumeDb: 12 } },
    ]);
    const audio = await renderProjectOffline(loud, { sampleRate: SR });
    expect(Math.max(peak(audio.channels[0]), peak(audio.channels[1]))).toBeLessThanOrEqual(Math.pow(10, -1 / 20) + 1e-6);
  });

  it('plays drum tracks as one-shots from the synthesised kit', async () => {
    const kit = sampler({ sound: 'drums', release: 0 });
    const hits = [note(36, 0, 0.05), note(38, 1, 0.05), note(42, 2, 0.05), note(49, 3, 0.05)];
    const audio = await renderProjectOffline(projectOf([{ notes: hits, instrument: kit, isDrum: true }]), { sampleRate: SR });
    for (let beat = 0; beat < 4; beat++) {
      // every hit sounds for longer than its 25 ms note
      const from = Math.round((beat * 0.5 + 0.05) * SR);
      expect(rms(audio.channels[0], from, from + Math.round(0.02 * SR))).toBeGreaterThan(0.001);
    }
  });

  it('reports progress ending at 1', async () => {
    const seen: number[] = [];
    await renderProjectOffline(buildBenchProject(2), { sampleRate: SR, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[seen.length - 1]).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('refuses an unknown instrument with a line naming the track', async () => {
    const project = projectOf([{ notes: [note(60, 0, 1)], instrument: { plugin: 'theremin', version: '1.0.0', params: {}, bypass: false } }]);
    await expect(renderProjectOffline(project)).rejects.toThrow(AleaError);
    await expect(renderProjectOffline(project)).rejects.toThrow("track 0 (track 0): instrument 'theremin' is not one the engine plays");
  });
});
