/** The generator panel's words: the model that fits a song, Infill's refusal, loop bars, a variation in words. */
import { describe, expect, it } from 'vitest';
import type { Note, Song, Track } from '../../../src/core/music/types.ts';
import { splitVariation } from '../../../src/app/lib/continuation.ts';
import { describeVariation, infillRefusal, loopBars, suggestModel, tickBars } from '../../../src/app/state/generator-words.ts';

const note = (pitch: number, startTick: number, length = 480): Note => ({ pitch, startTick, endTick: startTick + length, velocity: 80 });
const track = (name: string, notes: Note[]): Track => ({ name, channel: 0, program: 0, isDrum: false, notes });
const song = (tracks: Track[], bpm = 120): Song => ({
  name: 's',
  ppq: 480,
  tracks,
  tempos: [{ tick: 0, bpm }],
  timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
  keySignatures: [],
  texts: [],
});
const line = (pitch: number) => [0, 1, 2, 3].map((i) => note(pitch + i, i * 480));
const installed = ['chorale-jsb', 'folk-nottingham', 'melody-pop909'].map((name) => ({ name }));

describe('the model that fits the song', () => {
  it('melody alone → melody-pop909; melody and chords → folk-nottingham; four voices → chorale-jsb', () => {
    expect(suggestModel(song([track('Melody', line(60))]), installed).model).toBe('melody-pop909');
    expect(suggestModel(song([track('Melody', line(67)), track('Chords', line(48))]), installed).model).toBe('folk-nottingham');
    const voices = ['Soprano', 'Alto', 'Tenor', 'Bass'].map((n, i) => track(n, line(72 - 7 * i)));
    expect(suggestModel(song(voices), installed).model).toBe('chorale-jsb');
    // four voices written on one track read as a chorale too
    const chords = [0, 1].flatMap((i) => [48, 55, 64, 72].map((p) => note(p, i * 480)));
    expect(suggestModel(song([track('Choir', chords)]), installed).model).toBe('chorale-jsb');
  });

  it('says why none fits: melody, bridge and piano need arrangement-pop909 (not installed), an empty song has nothing to continue', () => {
    const three = song([track('Melody', line(72)), track('Bridge', line(64)), track('Piano', line(48))]);
    const fit = suggestModel(three, installed);
    expect(fit.model).toBeNull();
    expect(fit.reason).toMatch(/arrangement-pop909.*not installed/);
    expect(suggestModel(three, [...installed, { name: 'arrangement-pop909' }]).model).toBe('arrangement-pop909');
    expect(suggestModel(song([]), installed)).toEqual({ model: null, reason: expect.stringMatching(/start from nothing/) });
    expect(suggestModel(song([1, 2, 3, 4, 5].map((i) => track(`T${i}`, line(50 + i)))), installed).model).toBeNull();
  });
});

describe('Infill and the chosen model', () => {
  it('a continue-only model is refused in words; a model trained to fill in, or one the index says nothing of, is not', () => {
    expect(infillRefusal({ name: 'melody-pop909', infill: false })).toMatch(/^melody-pop909 cannot fill in bars/);
    expect(infillRefusal({ name: 'arrangement-pop909', infill: true })).toBeNull();
    expect(infillRefusal({ name: 'old-index' })).toBeNull();
    expect(infillRefusal(null)).toBeNull();
  });

  it('a loop region over bars 3-4 (120 bpm 4/4: 4 s to 8 s) reads as bars 3-4; an empty region as none', () => {
    const s = song([track('Melody', line(60))]);
    expect(loopBars(s, 4, 8)).toEqual([3, 4]);
    expect(loopBars(s, 4.5, 7.9)).toEqual([3, 4]);
    expect(loopBars(s, 0, 2)).toEqual([1, 1]);
    expect(loopBars(s, 3, 3)).toBeNull();
    // a selected clip over ticks [1920, 5760) is bars 2-3
    expect(tickBars(s, 1920, 5760)).toEqual([2, 3]);
  });
});

describe('a variation in words', () => {
  it('counts the new notes, names their range and how far their centre is from the seed; from nothing, no distance', () => {
    const seed = song([track('Melody', line(60))]);
    const higher = song([track('Melody', [...line(60), note(72, 1920), note(74, 2400)])]);
    expect(describeVariation(seed, splitVariation(seed, higher))).toBe(
      '2 new notes, from C5 to D5, centred 12 semitones above the seed.',
    );
    const empty = song([]);
    const fresh = song([track('Melody', [note(62, 0)])]);
    expect(describeVariation(empty, splitVariation(empty, fresh))).toBe('1 new note, from D4 to D4.');
  });
});
