import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Note, Song, Track } from '../../../src/core/music/types.ts';
import { RemiTokenizer } from '../../../src/ml/transformer/tokenizers/remi-tokenizer.ts';
import {
  DURATIONS_16THS, MAX_POSITIONS, TEMPOS, TIME_SIGNATURES, VELOCITIES, barSixteenths,
} from '../../../src/ml/transformer/tokenizers/remi-vocab.ts';
import { trackForRole } from '../../../src/ml/transformer/tokenizers/remi-decode.ts';
import { DEFAULT_FC_SEED, fastCheckSeed } from '../../setup/fast-check.ts';

const tokenizer = new RemiTokenizer();
const S = 120; // ticks per 16th at ppq 480

interface BarSpec { ts: number; tempo: number }
interface NoteSpec { bar: number; pos: number; role: number; pitch: number; dur: number; vel: number }

/** A song already on the tokenizer's grid: bucket velocities/tempos/durations, changes at bar lines. */
function buildSong(bars: BarSpec[], specs: NoteSpec[]): Song {
  const lengths = bars.map((b) => Math.min(MAX_POSITIONS, barSixteenths(...TIME_SIGNATURES[b.ts])));
  const starts: number[] = [];
  lengths.reduce((acc, l) => (starts.push(acc), acc + l), 0);
  const placed = specs.map((n) => ({ ...n, onset: starts[n.bar % bars.length] + (n.pos % lengths[n.bar % bars.length]) }));
  const byRole = new Map<number, Note[]>();
  let lastBar = -1;
  for (const n of placed.sort((a, b) => a.onset - b.onset || a.pitch - b.pitch)) {
    const notes = byRole.get(n.role) ?? [];
    const startTick = n.onset * S;
    // no two notes of a pitch may sound at once on a track (the decoder cuts such overlaps)
    if (notes.some((o) => o.pitch === n.pitch && o.endTick > startTick)) continue;
    notes.push({ pitch: n.pitch, velocity: VELOCITIES[n.vel], startTick, endTick: startTick + DURATIONS_16THS[n.dur] * S });
    byRole.set(n.role, notes);
    lastBar = Math.max(lastBar, n.bar % bars.length);
  }
  // The tokenizer writes bars up to the one of the last onset: meter and tempo changes must stop
  // there too, so the bars are cut after the last note KEPT (a dropped note does not count).
  const used = bars.slice(0, lastBar + 1);
  const tracks: Track[] = [...byRole.keys()].sort((a, b) => a - b).map((r) => ({
    ...trackForRole(r),
    notes: (byRole.get(r) ?? []).sort((a, b) => a.startTick - b.startTick || a.pitch - b.pitch),
  }));
  const tempos = [{ tick: 0, bpm: used.length > 0 ? TEMPOS[used[0].tempo] : 120 }];
  const timeSignatures = [{ tick: 0, numerator: 4, denominator: 4 }];
  used.forEach((b, i) => {
    const [numerator, denominator] = TIME_SIGNATURES[b.ts];
    if (i === 0) timeSignatures[0] = { tick: 0, numerator, denominator };
    else if (b.ts !== used[i - 1].ts) timeSignatures.push({ tick: starts[i] * S, numerator, denominator });
    if (i > 0 && b.tempo !== used[i - 1].tempo) tempos.push({ tick: starts[i] * S, bpm: TEMPOS[b.tempo] });
  });
  return { name: '', ppq: 480, tracks, tempos, timeSignatures, keySignatures: [], texts: [] };
}

const barArb = fc.record({ ts: fc.integer({ min: 0, max: TIME_SIGNATURES.length - 1 }), tempo: fc.integer({ min: 0, max: TEMPOS.length - 1 }) });
const noteArb = fc.record({
  bar: fc.nat(40), pos: fc.nat(31), role: fc.integer({ min: 0, max: 7 }), pitch: fc.integer({ min: 21, max: 108 }),
  dur: fc.integer({ min: 0, max: DURATIONS_16THS.length - 1 }), vel: fc.integer({ min: 0, max: VELOCITIES.length - 1 }),
});

describe('RemiTokenizer', () => {
  it('keeps the vocabulary small', () => {
    expect(tokenizer.vocab.size).toBeLessThan(400);
  });

  it('round-trips songs on the grid exactly (polyphony, several tracks, meter and tempo changes)', () => {
    fc.assert(
      fc.property(fc.array(barArb, { minLength: 1, maxLength: 12 }), fc.array(noteArb, { maxLength: 60 }), (bars, specs) => {
        const song = buildSong(bars, specs);
        const ids = tokenizer.encode(song, 'all');
        expect(Math.max(...ids)).toBeLessThan(tokenizer.vocab.size);
        const back = tokenizer.decode(ids);
        expect(back.tracks).toEqual(song.tracks);
        if (song.tracks.length > 0) {
          expect(back.tempos).toEqual(song.tempos);
          expect(back.timeSignatures).toEqual(song.timeSignatures);
        }
      }),
      { numRuns: 150 },
    );
  });

  // Regression: the generator used to keep bar 1's tempo change after dropping bar 1's only note
  // (it overlapped the bar-0 note of the same pitch), a song outside the tokenizer's contract.
  it('round-trips the once-failing case: the last onset is in bar 0, a sustained note crosses into bar 1', () => {
    const bars = [{ ts: 0, tempo: 0 }, { ts: 0, tempo: 1 }];
    const specs = [
      { bar: 15, pos: 0, role: 0, pitch: 107, dur: 0, vel: 0 },
      { bar: 0, pos: 0, role: 0, pitch: 107, dur: 16, vel: 0 },
    ];
    const song = buildSong(bars, specs);
    expect(song.tempos).toEqual([{ tick: 0, bpm: 40 }]);
    const back = tokenizer.decode(tokenizer.encode(song, 'all'));
    expect(back.tracks).toEqual(song.tracks);
    expect(back.tempos).toEqual(song.tempos);
  });

  it('writes no bars past the last onset, so a later tempo change is kept only within minBars', () => {
    const song = buildSong([{ ts: 0, tempo: 0 }], [{ bar: 0, pos: 0, role: 0, pitch: 107, dur: 16, vel: 0 }]);
    song.tempos.push({ tick: 16 * S, bpm: 42 });
    expect(tokenizer.decode(tokenizer.encode(song, 'all')).tempos).toEqual([{ tick: 0, bpm: 40 }]);
    expect(tokenizer.decode(tokenizer.encode(song, 'all', { minBars: 2 })).tempos).toEqual(song.tempos);
  });

  it('decodes any id sequence into a valid song', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: tokenizer.vocab.size - 1 }), { maxLength: 400 }), (ids) => {
        const song = tokenizer.decode(ids);
        for (const track of song.tracks) {
          track.notes.forEach((n, i) => {
            expect(n.endTick).toBeGreaterThan(n.startTick);
            expect(n.pitch).toBeGreaterThanOrEqual(21);
            expect(n.pitch).toBeLessThanOrEqual(108);
            expect(n.velocity).toBeGreaterThanOrEqual(1);
            if (i > 0) expect(n.startTick).toBeGreaterThanOrEqual(track.notes[i - 1].startTick);
          });
        }
        expect(song.tempos[0].tick).toBe(0);
        expect(song.timeSignatures[0].tick).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('drops a Pitch that is not followed by a Duration', () => {
    const v = tokenizer.vocab;
    const ids = [v.id('BOS'), v.id('Bar'), v.id('Position', 0), v.id('Track', 0), v.id('Pitch', 39), v.id('Position', 4), v.id('Pitch', 40), v.id('Duration', 3)];
    const song = tokenizer.decode(ids);
    expect(song.tracks[0].notes).toEqual([{ pitch: 61, velocity: 96, startTick: 480, endTick: 960 }]);
  });

  it('quantizes off-grid notes, folds out-of-range pitches and reads 6/8 bars as 12 sixteenths', () => {
    const song: Song = {
      name: 'x', ppq: 1024, keySignatures: [], texts: [],
      tempos: [{ tick: 0, bpm: 100 }],
      timeSignatures: [{ tick: 0, numerator: 6, denominator: 8 }],
      tracks: [{ name: '', channel: 0, program: 0, isDrum: false, notes: [
        { pitch: 120, velocity: 90, startTick: 10, endTick: 500 },
        { pitch: 60, velocity: 90, startTick: 3072, endTick: 3600 },
      ] }],
    };
    const back = tokenizer.decode(tokenizer.encode(song, 'melody'));
    expect(back.timeSignatures).toEqual([{ tick: 0, numerator: 6, denominator: 8 }]);
    expect(back.tracks[0].notes.map((n) => [n.pitch, n.startTick, n.endTick])).toEqual([[108, 0, 240], [60, 1440, 1680]]);
  });

  it('crops at a bar and restates the meter and tempo in effect', () => {
    const song = buildSong([{ ts: 1, tempo: 5 }, { ts: 1, tempo: 5 }, { ts: 1, tempo: 5 }], [
      { bar: 0, pos: 0, role: 0, pitch: 60, dur: 3, vel: 4 },
      { bar: 2, pos: 2, role: 0, pitch: 62, dur: 3, vel: 4 },
    ]);
    const ids = tokenizer.encode(song, 'all');
    const bars = ids.flatMap((id, i) => (tokenizer.vocab.kind(id) === 'Bar' ? [i] : []));
    const crop = tokenizer.cropAt(ids, bars[2]);
    expect(crop.slice(0, 3).map((id) => tokenizer.vocab.describe(id))).toEqual(['Bar:0', 'TimeSig:1', 'Tempo:5']);
    expect(tokenizer.decode(crop).tracks[0].notes).toEqual([{ pitch: 62, velocity: 80, startTick: 240, endTick: 720 }]);
  });
});

describe('fast-check setup', () => {
  it('runs every property from a fixed seed unless ALEA_FC_SEED names another', () => {
    expect(fc.readConfigureGlobal().seed).toBe(fastCheckSeed(process.env));
    expect(fastCheckSeed({})).toBe(DEFAULT_FC_SEED);
    expect(fastCheckSeed({ ALEA_FC_SEED: ' 7 ' })).toBe(7);
    expect(() => fastCheckSeed({ ALEA_FC_SEED: 'abc' })).toThrow(/ALEA_FC_SEED/);
  });
});
