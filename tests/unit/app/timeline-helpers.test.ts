import { describe, expect, it } from 'vitest';
import { TempoMap } from '../../../src/core/music/tempo-map.ts';
import { gridLines } from '../../../src/app/lib/bar-grid.ts';
import { computePeaks } from '../../../src/app/lib/waveform-peaks.ts';

describe('gridLines', () => {
  it('numbers bars and places beats by the time signature, across a meter change', () => {
    // 2 bars of 4/4, then 3/4
    const map = new TempoMap(480, [{ tick: 0, bpm: 120 }], [
      { tick: 0, numerator: 4, denominator: 4 },
      { tick: 3840, numerator: 3, denominator: 4 },
    ]);
    const lines = gridLines(map, 0, 3840 + 1440);
    const bars = lines.filter((l) => l.isBar);
    expect(bars.map((l) => [l.bar, l.tick])).toEqual([
      [1, 0],
      [2, 1920],
      [3, 3840],
      [4, 5280],
    ]);
    const beatsInBar3 = lines.filter((l) => !l.isBar && l.tick > 3840 && l.tick < 5280);
    expect(beatsInBar3.map((l) => l.tick)).toEqual([4320, 4800]);
  });

  it('starts at the visible window, not at the song start', () => {
    const map = new TempoMap(480, [{ tick: 0, bpm: 120 }], [{ tick: 0, numerator: 6, denominator: 8 }]);
    const lines = gridLines(map, 1500, 3000);
    expect(lines[0].tick).toBeGreaterThanOrEqual(1500);
    expect(lines.find((l) => l.isBar)).toEqual({ tick: 1440 * 2, isBar: true, bar: 3 }); // 6/8 bar = 1440 ticks
    expect(lines.every((l) => l.tick <= 3000)).toBe(true);
  });
});

describe('computePeaks', () => {
  it('keeps each block\'s min and max of the channel mix', () => {
    const left = new Float32Array([0.5, -0.25, 0, 1, 0, 0]);
    const right = new Float32Array([0.5, -0.75, 0, -1, 0, 0.2]);
    const peaks = computePeaks({ sampleRate: 8000, channels: [left, right] }, 2);
    expect(Array.from(peaks.max)).toEqual([0.5, 0, expect.closeTo(0.1, 6)]);
    expect(Array.from(peaks.min)).toEqual([-0.5, 0, 0]);
    expect(peaks.samplesPerBlock).toBe(2);
  });

  it('covers a last, shorter block and an empty clip', () => {
    expect(computePeaks({ sampleRate: 8000, channels: [new Float32Array(5)] }, 2).max).toHaveLength(3);
    expect(computePeaks({ sampleRate: 8000, channels: [] }).max).toHaveLength(0);
  });
});
