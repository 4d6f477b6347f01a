import { describe, expect, it } from 'vitest';
import { createEmptySong } from '../../../src/core/music/song.ts';
import type { Note, Song } from '../../../src/core/music/types.ts';
import {
  addSongTrack,
  checkTrackName,
  emptyTrack,
  freshTrackName,
  mapVoicesToTracks,
  meterProblem,
  moveItem,
  moveSongTrack,
  polyphony,
  removeSongTrack,
  renameSongTrack,
  splitVoices,
  tempoProblem,
  voiceNames,
  withMeter,
  withTempo,
} from '../../../src/engine/edit/index.ts';

const n = (pitch: number, startTick: number, endTick: number): Note => ({ pitch, velocity: 80, startTick, endTick });
function song(...names: string[]): Song {
  const base = createEmptySong('test');
  return { ...base, tracks: names.map((name, i) => ({ name, channel: i, program: 0, isDrum: false, notes: [] })) };
}

describe('track edits', () => {
  it('adds, renames, reorders and deletes tracks', () => {
    const s = song('Melody', 'Chords');
    const added = addSongTrack(s, emptyTrack(s));
    expect(added.tracks.map((t) => t.name)).toEqual(['Melody', 'Chords', 'Track 1']);
    expect(added.tracks[2].channel).toBe(2);
    expect(renameSongTrack(added, 2, '  Bass ').tracks[2].name).toBe('Bass');
    expect(moveSongTrack(added, 2, 0).tracks.map((t) => t.name)).toEqual(['Track 1', 'Melody', 'Chords']);
    expect(removeSongTrack(added, 0).tracks.map((t) => t.name)).toEqual(['Chords', 'Track 1']);
    expect(() => removeSongTrack(added, 5)).toThrow(/track 5 does not exist/);
    expect(() => checkTrackName('   ')).toThrow(/cannot be empty/);
    expect(freshTrackName(['Track 1', 'track 2'])).toBe('Track 3');
    expect(moveItem(['a', 'b', 'c'], 0, 9)).toEqual(['b', 'c', 'a']);
  });
});

describe('tempo and meter', () => {
  it('says why a tempo or meter is refused', () => {
    expect(tempoProblem(0)).toBe('Tempo must be from 20 to 400 BPM, got 0');
    expect(tempoProblem(1000)).toBe('Tempo must be from 20 to 400 BPM, got 1000');
    expect(tempoProblem(Number.NaN)).toMatch(/must be a number/);
    expect(tempoProblem(90)).toBeNull();
    expect(meterProblem(0, 4)).toMatch(/1 to 32 beats, got 0/);
    expect(meterProblem(3, 5)).toMatch(/got 5/);
    expect(meterProblem(7, 8)).toBeNull();
    expect(() => withTempo(song(), 1000)).toThrow(/20 to 400/);
  });

  it('scales every tempo change and replaces the first meter', () => {
    const s = { ...song(), tempos: [{ tick: 0, bpm: 100 }, { tick: 1920, bpm: 50 }] };
    expect(withTempo(s, 150).tempos).toEqual([{ tick: 0, bpm: 150 }, { tick: 1920, bpm: 75 }]);
    expect(withMeter(s, 3, 4).timeSignatures).toEqual([{ tick: 0, numerator: 3, denominator: 4 }]);
  });
});

describe('voices', () => {
  // a four-part step, then the soprano moves while the others hold
  const chorale = [n(72, 0, 480), n(67, 0, 960), n(64, 0, 960), n(48, 0, 960), n(74, 480, 960), n(71, 960, 1440), n(67, 960, 1440), n(62, 960, 1440), n(43, 960, 1440)];

  it('splits a chorale into four voices, highest first, held notes keeping their voice', () => {
    expect(polyphony(chorale)).toBe(4);
    const voices = splitVoices(chorale);
    expect(voices.map((v) => v.map((x) => x.pitch))).toEqual([[72, 74, 71], [67, 67], [64, 62], [48, 43]]);
    expect(voiceNames(4)).toEqual(['Soprano', 'Alto', 'Tenor', 'Bass']);
    expect(voiceNames(2)).toEqual(['Voice 1', 'Voice 2']);
  });

  it('puts each voice on its target track or a new one, leaving the rest of the source track', () => {
    const s = song('Melody', 'Chords');
    const seedNote = n(60, 0, 100);
    const withNotes = { ...s, tracks: [{ ...s.tracks[0], notes: [seedNote, ...chorale] }, s.tracks[1]] };
    const voices = splitVoices(chorale);
    const { song: mapped, added } = mapVoicesToTracks(withNotes, 0, voices, [0, 'new', 'new', 1]);
    expect(mapped.tracks.map((t) => t.name)).toEqual(['Melody', 'Chords', 'Alto', 'Tenor']);
    expect(added).toEqual([2, 3]);
    expect(mapped.tracks[0].notes.map((x) => x.pitch)).toEqual([60, 72, 74, 71]);
    expect(mapped.tracks[1].notes.map((x) => x.pitch)).toEqual([48, 43]);
    expect(new Set(mapped.tracks.map((t) => t.channel)).size).toBe(4);
    expect(mapped.tracks.reduce((sum, t) => sum + t.notes.length, 0)).toBe(chorale.length + 1);
  });
});
