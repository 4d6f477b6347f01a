import { describe, expect, it } from 'vitest';
import { AleaError } from '../../../src/core/errors.ts';
import {
  appendSong,
  cloneSong,
  createEmptySong,
  createTrack,
  findTrack,
  mergeTracks,
  noteEndSeconds,
  noteStartSeconds,
  pitchRange,
  retimeToPpq,
  selectTracks,
  songBarCount,
  songDurationSeconds,
  songEndTick,
  TempoMap,
  transposeSong,
  trimSong,
  validateSong,
  type Note,
  type Song,
} from '../../../src/core/music/index.ts';

const note = (pitch: number, startTick: number, endTick: number, velocity = 80): Note => ({ pitch, velocity, startTick, endTick });

function twoTrackSong(): Song {
  const song = createEmptySong('two', 480, 120, [4, 4]);
  song.keySignatures.push({ tick: 0, tonic: 0, mode: 'major' });
  song.tracks.push(
    createTrack('Melody', { program: 0, notes: [note(125, 960, 1440), note(60, 0, 480), note(2, 480, 960)] }),
    createTrack('Drums', { isDrum: true, notes: [note(36, 0, 120), note(38, 480, 600)] }),
  );
  return song;
}

describe('song basics', () => {
  it('creates an empty song with a tempo and meter at tick 0', () => {
    const song = createEmptySong('x', 96, 90, [6, 8]);
    expect(song.tempos).toEqual([{ tick: 0, bpm: 90 }]);
    expect(song.timeSignatures).toEqual([{ tick: 0, numerator: 6, denominator: 8 }]);
    expect(songEndTick(song)).toBe(0);
    expect(songBarCount(song)).toBe(0);
    expect(() => validateSong(song)).not.toThrow();
  });

  it('sorts notes on creation and puts drums on channel 9', () => {
    const song = twoTrackSong();
    expect(song.tracks[0].notes.map((n) => n.startTick)).toEqual([0, 480, 960]);
    expect(song.tracks[1].channel).toBe(9);
  });

  it('measures end, bars and seconds', () => {
    const song = twoTrackSong();
    expect(songEndTick(song)).toBe(1440);
    expect(songBarCount(song)).toBe(1);
    expect(songDurationSeconds(song)).toBeCloseTo(1.5, 12);
    const map = TempoMap.fromSong(song);
    expect(noteStartSeconds(map, song.tracks[0].notes[2])).toBeCloseTo(1.0, 12);
    expect(noteEndSeconds(map, song.tracks[0].notes[2])).toBeCloseTo(1.5, 12);
    expect(pitchRange(song)).toEqual({ lowest: 2, highest: 125 });
  });

  it('clones deeply', () => {
    const song = twoTrackSong();
    const copy = cloneSong(song);
    copy.tracks[0].notes[0].pitch = 1;
    copy.tempos[0].bpm = 60;
    expect(song.tracks[0].notes[0].pitch).toBe(60);
    expect(song.tempos[0].bpm).toBe(120);
  });

  it('finds tracks by name or index', () => {
    const song = twoTrackSong();
    expect(findTrack(song, 'Drums')).toBe(1);
    expect(findTrack(song, 'melody')).toBe(0);
    expect(findTrack(song, '1')).toBe(1);
    expect(findTrack(song, '2')).toBeUndefined();
  });
});

describe('song edits', () => {
  it('transposes pitched tracks, clamps to 0..127 and leaves drums alone', () => {
    const up = transposeSong(twoTrackSong(), 5);
    expect(up.tracks[0].notes.map((n) => n.pitch)).toEqual([65, 7, 127]);
    expect(up.tracks[1].notes.map((n) => n.pitch)).toEqual([36, 38]);
    expect(up.keySignatures[0].tonic).toBe(5);
    const down = transposeSong(twoTrackSong(), -5);
    expect(down.tracks[0].notes.map((n) => n.pitch)).toEqual([55, 0, 120]);
    expect(down.keySignatures[0].tonic).toBe(7);
  });

  it('appends a continuation to the matching track at a tick, converting ppq', () => {
    const seed = twoTrackSong();
    const continuation = createEmptySong('gen', 96);
    continuation.tracks.push(createTrack('Melody', { notes: [note(67, 0, 96), note(69, 96, 192)] }));
    continuation.tracks.push(createTrack('Pad', { notes: [note(48, 0, 384)] }));
    const joined = appendSong(seed, continuation, 1920);
    expect(joined.tracks).toHaveLength(3);
    expect(joined.tracks[0].notes.slice(3)).toEqual([note(67, 1920, 2400), note(69, 2400, 2880)]);
    expect(joined.tracks[2]).toMatchObject({ name: 'Pad', notes: [note(48, 1920, 3840)] });
    expect(seed.tracks[0].notes).toHaveLength(3);
    expect(() => validateSong(joined)).not.toThrow();
  });

  it('merges tracks into one sorted track', () => {
    const song = twoTrackSong();
    const merged = mergeTracks([song.tracks[0], createTrack('b', { notes: [note(61, 10, 20)] })]);
    expect(merged.name).toBe('Melody');
    expect(merged.notes.map((n) => n.startTick)).toEqual([0, 10, 480, 960]);
  });

  it('changes ppq keeping every note at least one tick long', () => {
    const song = createEmptySong('r', 480);
    song.tempos.push({ tick: 1920, bpm: 90 });
    song.tracks.push(createTrack('t', { notes: [note(60, 0, 2), note(62, 480, 960), note(64, 1920, 2880)] }));
    const low = retimeToPpq(song, 96);
    expect(low.ppq).toBe(96);
    expect(low.tracks[0].notes).toEqual([note(60, 0, 1), note(62, 96, 192), note(64, 384, 576)]);
    expect(low.tempos[1].tick).toBe(384);
    expect(songDurationSeconds(low)).toBeCloseTo(songDurationSeconds(song), 9);
  });

  it('trims a range and moves it to tick 0 with the tempo in force', () => {
    const song = createEmptySong('t', 480, 100);
    song.tempos.push({ tick: 960, bpm: 140 });
    song.tracks.push(createTrack('t', { notes: [note(60, 0, 480), note(62, 1920, 2400), note(64, 3600, 4000)] }));
    const part = trimSong(song, 1920, 3840);
    expect(part.tracks[0].notes).toEqual([note(62, 0, 480), note(64, 1680, 1920)]);
    expect(part.tempos).toEqual([{ tick: 0, bpm: 140 }]);
    expect(() => validateSong(part)).not.toThrow();
  });

  it('selects tracks by index and refuses a missing one', () => {
    expect(selectTracks(twoTrackSong(), [1]).tracks.map((t) => t.name)).toEqual(['Drums']);
    expect(() => selectTracks(twoTrackSong(), [5])).toThrowError(/no track 5/);
  });
});

describe('validateSong', () => {
  const broken: Array<[string, (song: Song) => void, RegExp]> = [
    ['pitch out of range', (s) => (s.tracks[0].notes[0].pitch = 130), /tracks\[0\]\.notes\[0\]\.pitch is 130/],
    ['end before start', (s) => (s.tracks[0].notes[1].endTick = 480), /tracks\[0\]\.notes\[1\]\.endTick is 480/],
    ['NaN start', (s) => (s.tracks[0].notes[0].startTick = Number.NaN), /startTick is NaN/],
    ['velocity 0', (s) => (s.tracks[1].notes[0].velocity = 0), /tracks\[1\]\.notes\[0\]\.velocity is 0/],
    ['unsorted notes', (s) => (s.tracks[0].notes[2].startTick = 100), /sorted/],
    ['drum flag off channel 9', (s) => (s.tracks[1].isDrum = false), /tracks\[1\]\.isDrum/],
    ['channel 16', (s) => (s.tracks[0].channel = 16), /tracks\[0\]\.channel is 16/],
    ['no tempo at 0', (s) => (s.tempos[0].tick = 10), /tempos must start/],
    ['meter 4/3', (s) => (s.timeSignatures[0].denominator = 3), /timeSignatures\[0\]\.denominator is 3/],
    ['ppq 0', (s) => (s.ppq = 0), /ppq is 0/],
  ];
  for (const [what, breakIt, message] of broken) {
    it(`names the field: ${what}`, () => {
      const song = twoTrackSong();
      breakIt(song);
      let caught: unknown;
      try {
        validateSong(song);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AleaError);
      expect((caught as AleaError).kind).toBe('bad-input');
      expect((caught as AleaError).message).toMatch(message);
    });
  }
});
