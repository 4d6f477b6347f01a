import { describe, expect, it } from 'vitest';
import { appendSong } from '../../../src/core/music/song-edit.ts';
import type { Note, Song, Track } from '../../../src/core/music/types.ts';
import { auditionStartTick, seedOf, splitVariation } from '../../../src/app/lib/continuation.ts';

const PPQ = 480;
const BAR = PPQ * 4;

function note(pitch: number, startTick: number, length = PPQ): Note {
  return { pitch, velocity: 90, startTick, endTick: startTick + length };
}

function track(name: string, notes: Note[]): Track {
  return { name, channel: 0, program: 0, isDrum: false, notes };
}

function song(tracks: Track[]): Song {
  return {
    name: 'test',
    ppq: PPQ,
    tracks,
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    keySignatures: [],
    texts: [],
  };
}

/** Four bars: a quarter note on every beat. */
const fourBars = song([track('Melody', Array.from({ length: 16 }, (_, i) => note(60 + (i % 5), i * PPQ)))]);

describe('seedOf', () => {
  it('keeps the whole song for 0 or for more bars than it has', () => {
    expect(seedOf(fourBars, 0)).toBe(fourBars);
    expect(seedOf(fourBars, 9)).toBe(fourBars);
  });

  it('cuts the song after its first N bars', () => {
    const seed = seedOf(fourBars, 2);
    expect(seed.tracks[0].notes).toHaveLength(8);
    expect(Math.max(...seed.tracks[0].notes.map((n) => n.endTick))).toBe(2 * BAR);
    expect(fourBars.tracks[0].notes).toHaveLength(16); // the song itself is untouched
  });
});

describe('splitVariation', () => {
  it('finds exactly the notes a continuation added, track by track', () => {
    const seed = song([track('Melody', fourBars.tracks[0].notes.slice(0, 8)), track('Bass', [note(36, 0, BAR)])]);
    const continuation = song([track('Melody', [note(67, 0), note(65, PPQ)]), track('Bass', [note(38, 0, BAR)])]);
    const variation = appendSong(seed, continuation, 2 * BAR);
    const split = splitVariation(seed, variation);
    expect(split.addedCount).toBe(3);
    expect(split.firstAddedTick).toBe(2 * BAR);
    expect(split.tracks[0].kept).toHaveLength(8);
    expect(split.tracks[0].added.map((n) => n.pitch)).toEqual([67, 65]);
    expect(split.tracks[1].added.map((n) => n.pitch)).toEqual([38]);
  });

  it('counts a repeated note as added when the seed had it only once', () => {
    const seed = song([track('Melody', [note(60, 0)])]);
    const variation = song([track('Melody', [note(60, 0), note(60, 0)])]);
    expect(splitVariation(seed, variation).addedCount).toBe(1);
  });

  it('treats a changed seed note as new material, and a new track as all new', () => {
    const seed = song([track('Melody', [note(60, 0), note(62, PPQ)])]);
    const variation = song([track('Melody', [note(60, 0), note(63, PPQ)]), track('Continue', [note(72, BAR)])]);
    const split = splitVariation(seed, variation);
    expect(split.tracks[0].added.map((n) => n.pitch)).toEqual([63]);
    expect(split.tracks[1].added).toHaveLength(1);
    expect(split.firstAddedTick).toBe(PPQ);
  });

  it('reports nothing added for the seed itself', () => {
    const split = splitVariation(fourBars, fourBars);
    expect(split.addedCount).toBe(0);
    expect(split.firstAddedTick).toBeNull();
  });
});

describe('auditionStartTick', () => {
  it('starts at the bar holding the last seed note, or at 0', () => {
    expect(auditionStartTick(fourBars, 'seed-end')).toBe(3 * BAR);
    expect(auditionStartTick(fourBars, 'start')).toBe(0);
    const ragged = song([track('Melody', [note(60, 0), note(62, BAR + PPQ, PPQ / 2)])]);
    expect(auditionStartTick(ragged, 'seed-end')).toBe(BAR);
    expect(auditionStartTick(song([]), 'seed-end')).toBe(0);
  });

  it('follows the seed\'s meter', () => {
    const waltz = { ...song([track('Melody', [note(60, 0), note(60, 7 * PPQ)])]), timeSignatures: [{ tick: 0, numerator: 3, denominator: 4 }] };
    expect(auditionStartTick(waltz, 'seed-end')).toBe(6 * PPQ); // bar 3 of 3/4
  });
});
