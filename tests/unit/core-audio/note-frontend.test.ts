import { describe, expect, it } from 'vitest';
import { NO_CLEAR_PITCH, prepareNote, SILENT } from '../../../src/core/audio/note-frontend.ts';
import { midiToHz } from '../../../src/core/dsp/pitch.ts';
import { isAleaError } from '../../../src/core/errors.ts';
import type { AudioData } from '../../../src/core/audio/audio-data.ts';

function sawNote(midi: number, sampleRate: number, seconds: number, leadSeconds: number): Float32Array {
  const f0 = midiToHz(midi);
  const lead = Math.round(leadSeconds * sampleRate);
  const out = new Float32Array(lead + Math.round(seconds * sampleRate));
  for (let i = 0; i < out.length - lead; i++) {
    const t = i / sampleRate;
    let v = 0;
    for (let k = 1; k * f0 < sampleRate / 2 && k <= 20; k++) v += Math.sin(2 * Math.PI * k * f0 * t) / k;
    out[lead + i] = 0.25 * Math.min(1, t / 0.005) * Math.exp(-t) * v;
  }
  return out;
}

function stereo(left: Float32Array, sampleRate: number): AudioData {
  return { sampleRate, channels: [left, left.map((v) => 0.5 * v)] };
}

function noise(length: number, seed = 5): Float32Array {
  const out = new Float32Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    out[i] = 0.3 * (state / 2 ** 31 - 1);
  }
  return out;
}

describe('prepareNote', () => {
  it('turns a stereo 44.1 kHz note with a lead-in into a mono 16 kHz note from its onset, with its pitch', () => {
    const note = prepareNote(stereo(sawNote(64, 44100, 1.5, 0.3), 44100));
    expect(note.sampleRate).toBe(16000);
    expect(note.pitchMidi).toBe(64);
    expect(note.clarity).toBeGreaterThan(0.9);
    expect(Math.abs(note.onsetSeconds - 0.3)).toBeLessThan(0.01);
    expect(note.warnings).toEqual([]);
    expect(Math.abs(note.samples.length - 1.5 * 16000)).toBeLessThan(0.02 * 16000);
    // the lead-in is gone: the first 20 ms already sound
    let early = 0;
    for (let i = 0; i < 320; i++) early = Math.max(early, Math.abs(note.samples[i]));
    expect(early).toBeGreaterThan(0.05);
  });

  it('caps a long sound at maxSeconds and fades the cut', () => {
    const note = prepareNote({ sampleRate: 22050, channels: [sawNote(45, 22050, 10, 0)] }, { maxSeconds: 2 });
    expect(note.samples.length).toBe(32000);
    expect(Math.abs(note.samples[note.samples.length - 1])).toBeLessThan(1e-3);
    expect(note.pitchMidi).toBe(45);
  });

  it('keeps the rate when it already matches and accepts another target rate', () => {
    expect(prepareNote({ sampleRate: 16000, channels: [sawNote(60, 16000, 1, 0)] }).samples.length).toBe(16000);
    const at48 = prepareNote({ sampleRate: 8000, channels: [sawNote(60, 8000, 1, 0)] }, { targetRate: 48000 });
    expect(at48.sampleRate).toBe(48000);
    expect(at48.samples.length).toBe(48000);
  });

  it('warns, without throwing, about silence, NaN/Inf samples and sounds with no clear pitch', () => {
    const silent = prepareNote({ sampleRate: 16000, channels: [new Float32Array(16000)] });
    expect(silent.warnings).toEqual([SILENT]);
    expect(silent.pitchMidi).toBeNull();

    const broken = sawNote(57, 16000, 1, 0);
    broken[100] = Number.NaN;
    broken[2000] = Number.POSITIVE_INFINITY;
    const repaired = prepareNote({ sampleRate: 16000, channels: [broken] });
    expect(repaired.warnings).toEqual(['NaN/Inf samples (2 replaced with silence)']);
    expect(repaired.samples.every(Number.isFinite)).toBe(true);
    expect(repaired.pitchMidi).toBe(57);

    const allNaN = prepareNote({ sampleRate: 16000, channels: [new Float32Array(800).fill(Number.NaN)] });
    expect(allNaN.warnings).toEqual(['NaN/Inf samples (800 replaced with silence)', SILENT]);

    const hiss = prepareNote({ sampleRate: 16000, channels: [noise(16000)] });
    expect(hiss.pitchMidi).toBeNull();
    expect(hiss.warnings).toContain(NO_CLEAR_PITCH);
    expect(hiss.samples.length).toBeGreaterThan(0);
  });

  it('refuses audio with no samples with one line naming the file', () => {
    try {
      prepareNote({ sampleRate: 16000, channels: [new Float32Array(0)] }, { file: 'empty.wav' });
      expect.unreachable();
    } catch (error) {
      expect(isAleaError(error) && error.toLine()).toBe('empty.wav: has no audio samples');
    }
  });
});
