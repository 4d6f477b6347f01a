import type { TempoMap } from '../../core/music/tempo-map.ts';

export interface GridLine {
  tick: number;
  /** a bar's first beat */
  isBar: boolean;
  /** 1-based bar number, on bar lines only */
  bar?: number;
}

/** Bar and beat lines between two ticks, following the song's time signatures. */
export function gridLines(tempoMap: TempoMap, fromTick: number, toTick: number): GridLine[] {
  const lines: GridLine[] = [];
  for (let bar = tempoMap.barIndexAt(Math.max(0, fromTick)); ; bar++) {
    const start = tempoMap.barStartTick(bar);
    if (start > toTick) break;
    const end = tempoMap.barStartTick(bar + 1);
    const ticksPerBeat = tempoMap.ticksPerBeatAt(start);
    if (start >= fromTick) lines.push({ tick: start, isBar: true, bar: bar + 1 });
    for (let tick = start + ticksPerBeat; tick < end - 1e-6 && tick <= toTick; tick += ticksPerBeat) {
      if (tick >= fromTick) lines.push({ tick, isBar: false });
    }
  }
  return lines;
}
