import { describe, expect, it } from 'vitest';
import { matchTracks } from '../../../src/app/lib/track-match.ts';

describe('matchTracks', () => {
  it('keeps tracks in place when names match', () => {
    expect(matchTracks(['Melody', 'Bass'], ['Melody', 'Bass'])).toEqual([0, 1]);
  });

  it('marks added tracks as new', () => {
    expect(matchTracks(['Melody'], ['Melody', 'Continue'])).toEqual([0, null]);
  });

  it('follows a track that moved, by name', () => {
    expect(matchTracks(['Melody', 'Bass', 'Drums'], ['Bass', 'Melody'])).toEqual([1, 0]);
  });

  it('gives each old track to one new track only (same names)', () => {
    expect(matchTracks(['', ''], ['', '', ''])).toEqual([0, 1, null]);
    expect(matchTracks(['Piano', 'Voice'], ['Voice', 'Voice'])).toEqual([null, 1]); // the one in place wins
  });
});
