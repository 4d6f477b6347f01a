import { describe, expect, it } from 'vitest';
import { splitVariation } from '../../../src/app/lib/continuation.ts';
import { voicePlan } from '../../../src/app/lib/voice-plan.ts';
import { mapVoices } from '../../../src/app/state/variation-accept.ts';
import { createEmptySong } from '../../../src/core/music/song.ts';
import type { Note, Song, Track } from '../../../src/core/music/types.ts';

const n = (pitch: number, startTick: number, endTick = startTick + 480): Note => ({ pitch, velocity: 80, startTick, endTick });
const track = (name: string, notes: Note[], channel = 0): Track => ({ name, channel, program: 0, isDrum: false, notes });
const song = (...tracks: Track[]): Song => ({ ...createEmptySong('s'), tracks });
/** four voices, two steps, from bar 2 */
const chorale = [72, 67, 64, 48, 74, 69, 65, 50].map((p, i) => n(p, 1920 + (i < 4 ? 0 : 480)));

describe('a chorale variation on a song with fewer tracks than voices', () => {
  // the folk song: a melody and chords; chorale-jsb writes its four voices on the melody's track
  const seed = song(track('Melody', [n(60, 0), n(62, 480)]), track('Chords', [n(48, 0, 960), n(52, 0, 960), n(55, 0, 960)], 1));
  const variation = song(track('Melody', [...seed.tracks[0].notes, ...chorale]), seed.tracks[1]);
  const notes = splitVariation(seed, variation);

  it('finds the four voices on Melody: the soprano stays, the others go to new tracks', () => {
    const plan = voicePlan(variation, notes);
    expect(plan?.track).toBe(0);
    expect(plan?.names).toEqual(['Soprano', 'Alto', 'Tenor', 'Bass']);
    expect(plan?.voices.map((v) => v.map((x) => x.pitch))).toEqual([[72, 74], [67, 69], [64, 65], [48, 50]]);
    expect(plan?.defaults).toEqual([0, 'new', 'new', 'new']);
  });

  it('accepting with the plan puts one voice per track, every note kept', () => {
    const plan = voicePlan(variation, notes);
    if (plan === null) throw new Error('no plan');
    const { song: mapped, added } = mapVoices(variation, { track: plan.track, voices: plan.voices, targets: plan.defaults });
    expect(mapped.tracks.map((t) => t.name)).toEqual(['Melody', 'Chords', 'Alto', 'Tenor', 'Bass']);
    expect(added).toEqual([2, 3, 4]);
    expect(mapped.tracks[0].notes.map((x) => x.pitch)).toEqual([60, 62, 72, 74]);
    expect(mapped.tracks[4].notes.map((x) => x.pitch)).toEqual([48, 50]);
    const total = (s: Song): number => s.tracks.reduce((sum, t) => sum + t.notes.length, 0);
    expect(total(mapped)).toBe(total(variation));
  });
});

describe('a chorale variation on the browser test song (Melody and Bass)', () => {
  it('gives the bass voice to the Bass track and new tracks to the inner voices', () => {
    const seed = song(track('Melody', [n(60, 0)]), track('Bass', [n(36, 0, 1920)], 1));
    const variation = song(track('Melody', [...seed.tracks[0].notes, ...chorale]), seed.tracks[1]);
    const plan = voicePlan(variation, splitVariation(seed, variation));
    expect(plan?.defaults).toEqual([0, 'new', 'new', 1]);
  });

  it('names a new voice track "Bass 2" when a Bass track exists', () => {
    const seed = song(track('Melody', [n(60, 0)]), track('Bass', [n(36, 0, 1920)], 1));
    const variation = song(track('Melody', [...seed.tracks[0].notes, ...chorale]), seed.tracks[1]);
    const plan = voicePlan(variation, splitVariation(seed, variation));
    if (plan === null) throw new Error('no plan');
    const { song: mapped } = mapVoices(variation, { track: 0, voices: plan.voices, targets: [0, 'new', 'new', 'new'] });
    expect(mapped.tracks.map((t) => t.name)).toEqual(['Melody', 'Bass', 'Alto', 'Tenor', 'Bass 2']);
  });
});

describe('a chorale variation on a four-part seed', () => {
  it('sends each voice to the track of its register', () => {
    const seed = song(track('S', [n(72, 0)]), track('A', [n(65, 0)], 1), track('T', [n(57, 0)], 2), track('B', [n(45, 0)], 3));
    const variation = song({ ...seed.tracks[0], notes: [...seed.tracks[0].notes, ...chorale] }, ...seed.tracks.slice(1));
    expect(voicePlan(variation, splitVariation(seed, variation))?.defaults).toEqual([0, 1, 2, 3]);
  });

  it('offers nothing for a melody continued as a melody, or chords continued as chords', () => {
    const seed = song(track('Melody', [n(60, 0)]), track('Chords', [n(48, 0), n(52, 0), n(55, 0)], 1));
    const variation = song(track('Melody', [n(60, 0), n(62, 1920)]), track('Chords', [...seed.tracks[1].notes, n(48, 1920), n(52, 1920), n(55, 1920)], 1));
    expect(voicePlan(variation, splitVariation(seed, variation))).toBeNull();
  });
});
