import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TempoMap } from '../../../src/core/music/index.ts';

const fourFour = [{ tick: 0, numerator: 4, denominator: 4 }];

describe('TempoMap seconds', () => {
  // 120 bpm for 2 bars, 60 bpm for 1 bar, then 240 bpm (ppq 480, 4/4).
  const map = new TempoMap(
    480,
    [
      { tick: 0, bpm: 120 },
      { tick: 1920, bpm: 60 },
      { tick: 3840, bpm: 240 },
    ],
    fourFour,
  );

  it('matches hand-computed times across tempo changes', () => {
    expect(map.tickToSeconds(0)).toBe(0);
    expect(map.tickToSeconds(960)).toBeCloseTo(1.0, 12); // 2 beats × 0.5 s
    expect(map.tickToSeconds(1920)).toBeCloseTo(2.0, 12);
    expect(map.tickToSeconds(2400)).toBeCloseTo(3.0, 12); // + 1 beat × 1 s
    expect(map.tickToSeconds(3840)).toBeCloseTo(6.0, 12); // + 4 beats × 1 s
    expect(map.tickToSeconds(4320)).toBeCloseTo(6.25, 12); // + 1 beat × 0.25 s
  });

  it('inverts exactly at the same points', () => {
    expect(map.secondsToTick(1.0)).toBeCloseTo(960, 9);
    expect(map.secondsToTick(3.0)).toBeCloseTo(2400, 9);
    expect(map.secondsToTick(6.25)).toBeCloseTo(4320, 9);
  });

  it('secondsToTick(tickToSeconds(t)) === t for any tick', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (tick) => {
        expect(map.secondsToTick(map.tickToSeconds(tick))).toBeCloseTo(tick, 6);
      }),
    );
  });

  it('assumes 120 bpm before the first tempo and when there is none', () => {
    expect(new TempoMap(480, [], fourFour).tickToSeconds(480)).toBeCloseTo(0.5, 12);
    const late = new TempoMap(480, [{ tick: 960, bpm: 60 }], fourFour);
    expect(late.tickToSeconds(960)).toBeCloseTo(1.0, 12);
    expect(late.tickToSeconds(1440)).toBeCloseTo(2.0, 12);
    expect(late.bpmAt(0)).toBe(120);
  });
});

describe('TempoMap bars and beats', () => {
  // 4/4 for 2 bars (1920 each), 3/4 for 2 bars (1440 each), then 6/8 (1440, beats are eighths).
  const map = new TempoMap(
    480,
    [{ tick: 0, bpm: 100 }],
    [
      { tick: 0, numerator: 4, denominator: 4 },
      { tick: 3840, numerator: 3, denominator: 4 },
      { tick: 6720, numerator: 6, denominator: 8 },
    ],
  );

  it('lists bar starts across meter changes', () => {
    expect(map.barStartTicks(6721)).toEqual([0, 1920, 3840, 5280, 6720]);
    expect(map.barStartTicks(6720)).toEqual([0, 1920, 3840, 5280]);
  });

  it('gives ticks per bar and per beat at a tick', () => {
    expect(map.ticksPerBarAt(100)).toBe(1920);
    expect(map.ticksPerBarAt(4000)).toBe(1440);
    expect(map.ticksPerBarAt(7000)).toBe(1440);
    expect(map.ticksPerBeatAt(7000)).toBe(240);
  });

  it('splits a tick into bar, beat and tick within the beat', () => {
    expect(map.tickToBarBeat(0)).toEqual({ bar: 0, beat: 0, tickInBeat: 0 });
    expect(map.tickToBarBeat(1920 + 3 * 480 + 5)).toEqual({ bar: 1, beat: 3, tickInBeat: 5 });
    expect(map.tickToBarBeat(5280 + 480 + 100)).toEqual({ bar: 3, beat: 1, tickInBeat: 100 });
    expect(map.tickToBarBeat(6720 + 3 * 240 + 10)).toEqual({ bar: 4, beat: 3, tickInBeat: 10 });
  });

  it('counts bars that a span touches', () => {
    expect(map.barCount(0)).toBe(0);
    expect(map.barCount(1)).toBe(1);
    expect(map.barCount(1920)).toBe(1);
    expect(map.barCount(1921)).toBe(2);
    expect(map.barCount(6720 + 1440 * 3)).toBe(7);
  });

  it('finds the next bar start', () => {
    expect(map.nextBarStart(0)).toBe(0);
    expect(map.nextBarStart(1)).toBe(1920);
    expect(map.nextBarStart(5281)).toBe(6720);
    expect(map.barStartTick(6)).toBe(6720 + 2 * 1440);
  });

  it('starts a new bar where a meter changes mid-bar', () => {
    const odd = new TempoMap(480, [], [
      { tick: 0, numerator: 4, denominator: 4 },
      { tick: 960, numerator: 3, denominator: 4 },
    ]);
    expect(odd.barIndexAt(959)).toBe(0);
    expect(odd.barIndexAt(960)).toBe(1);
    expect(odd.barStartTicks(960 + 1440 + 1)).toEqual([0, 960, 2400]);
    expect(odd.timeSignatureAt(1000)).toEqual({ tick: 960, numerator: 3, denominator: 4 });
  });

  it('refuses a zero ppq or a zero bpm', () => {
    expect(() => new TempoMap(0, [], [])).toThrowError(/ppq/);
    expect(() => new TempoMap(480, [{ tick: 0, bpm: 0 }], [])).toThrowError(/bpm/);
  });
});
